#include "harbor/sensors/analog_probes.h"

#include <math.h>
#include <stdio.h>

#include "harbor/flash_data.h"
#include "harbor/platform.h"

namespace harbor {
namespace analog {

namespace {

// Resting voltage of one LiPo/Li-ion cell at 0, 5, ... 100 % charge, in mV:
// AMPOW, "LiPo Voltage Chart" (blog.ampow.com/lipo-voltage-chart), 1S column.
const uint16_t kLiIonMv[21] HARBOR_FLASH = {3270, 3610, 3690, 3710, 3730, 3750, 3770, 3790, 3800, 3820, 3840,
                                            3850, 3870, 3910, 3950, 3980, 4020, 4080, 4110, 4150, 4200};

uint16_t liIonMv(int i) { return flash::read(kLiIonMv[i]); }

const double kKelvin = 273.15;

}  // namespace

double soilPercent(double mv, double dryMv, double wetMv) {
  const double p = (dryMv - mv) / (dryMv - wetMv) * 100.0;
  return p < 0 ? 0 : p > 100 ? 100 : p;
}

double liIonPercent(double volts) {
  const double mv = volts * 1000.0;
  if (mv <= liIonMv(0)) return 0;
  for (int i = 1; i < 21; ++i) {
    const double hi = liIonMv(i);
    if (mv <= hi) {
      const double lo = liIonMv(i - 1);
      return 5.0 * (i - 1) + 5.0 * (mv - lo) / (hi - lo);
    }
  }
  return 100;
}

double ntcOhms(double mv, double supplyMv, double seriesOhms, bool ntcToGround) {
  if (mv <= 0 || mv >= supplyMv) return 0;
  return ntcToGround ? seriesOhms * mv / (supplyMv - mv) : seriesOhms * (supplyMv - mv) / mv;
}

double steinhartHartCelsius(double ohms, double a, double b, double c) {
  const double l = log(ohms);
  return 1.0 / (a + b * l + c * l * l * l) - kKelvin;
}

void betaCoefficients(double r0Ohms, double t0Celsius, double beta, double* a, double* b, double* c) {
  *a = 1.0 / (t0Celsius + kKelvin) - log(r0Ohms) / beta;
  *b = 1.0 / beta;
  *c = 0;
}

}  // namespace analog

namespace {

// Conversions averaged a slot: ESP32 ADC readings scatter by tens of mV.
const int kSamples = 4;

}  // namespace

AnalogProbe::AnalogProbe(const char* name, int pin, uint8_t channels, uint32_t intervalMs)
    : PolledSensor(name, intervalMs), pin_(pin), channels_(channels) {}

PolledSensor::Result AnalogProbe::setup(uint64_t) { return done(); }

PolledSensor::Result AnalogProbe::start(uint64_t) { return done(); }

PolledSensor::Result AnalogProbe::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  double sum = 0;
  for (int i = 0; i < kSamples; ++i) {
    double mv = 0;
    if (!platform::readAnalogMillivolts(pin_, &mv)) return fail(ReadError::Bus);
    sum += mv;
  }
  double values[2] = {0, 0};
  if (!convert(sum / kSamples, values)) return fail(ReadError::OutOfRange);
  for (uint8_t c = 0; c < channels_; ++c) out.emit(c, values[c], takenMs);
  return done();
}

SoilMoisture::SoilMoisture(int pin, double dryMv, double wetMv, uint32_t intervalMs)
    : AnalogProbe(name_, pin, 1, intervalMs), dryMv_(dryMv), wetMv_(wetMv) {
  snprintf(name_, sizeof name_, "soil GPIO %d", pin);
}

bool SoilMoisture::convert(double mv, double* values) const {
  if (dryMv_ == wetMv_) return false;
  values[0] = analog::soilPercent(mv, dryMv_, wetMv_);
  return true;
}

Battery::Battery(int pin, double ratio, uint32_t intervalMs) : AnalogProbe(name_, pin, 2, intervalMs), ratio_(ratio) {
  snprintf(name_, sizeof name_, "battery GPIO %d", pin);
}

bool Battery::convert(double mv, double* values) const {
  values[0] = mv * ratio_ / 1000.0;
  values[1] = analog::liIonPercent(values[0]);
  return true;
}

Ntc::Ntc(int pin, double seriesOhms, double supplyMv, bool ntcToGround, Curve curve, double p1, double p2, double p3,
         uint32_t intervalMs)
    : AnalogProbe(name_, pin, 1, intervalMs), seriesOhms_(seriesOhms), supplyMv_(supplyMv), ntcToGround_(ntcToGround),
      a_(p1), b_(p2), c_(p3) {
  if (curve == Curve::Beta) analog::betaCoefficients(p2, p3, p1, &a_, &b_, &c_);
  snprintf(name_, sizeof name_, "ntc GPIO %d", pin);
}

bool Ntc::convert(double mv, double* values) const {
  const double ohms = analog::ntcOhms(mv, supplyMv_, seriesOhms_, ntcToGround_);
  if (ohms <= 0) return false;
  values[0] = analog::steinhartHartCelsius(ohms, a_, b_, c_);
  // An open or shorted probe reads near a rail: far outside what a thermistor measures.
  return values[0] > -55 && values[0] < 150;
}

}  // namespace harbor
