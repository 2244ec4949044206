// Probes on an analog input, above platform::readAnalogMillivolts (the ESP32
// calibrates it, the other cores scale the raw count): a capacitive soil
// moisture probe with dry/wet calibration, a battery's voltage through a
// divider with its Li-ion state of charge, and an NTC thermistor in a divider
// (beta or Steinhart-Hart). Each slot averages a few conversions (~100 us each).
#pragma once

#include <stdint.h>

#include "harbor/polled_sensor.h"

namespace harbor {
namespace analog {

// Percent between the calibration readings: `dryMv` (in air) is 0 %, `wetMv`
// (in water) 100 %, clamped; a capacitive probe reads lower when wetter.
double soilPercent(double mv, double dryMv, double wetMv);
// A single Li-ion/LiPo cell's state of charge at rest from its voltage,
// interpolated in the table of analog_probes.cpp (5 % steps), clamped 0-100.
double liIonPercent(double volts);
// The thermistor's resistance in a divider with `seriesOhms` fed by
// `supplyMv`; `ntcToGround`: supply - series - pin - NTC - GND. <= 0 when the
// reading is at a rail (open or shorted probe).
double ntcOhms(double mv, double supplyMv, double seriesOhms, bool ntcToGround);
// Steinhart-Hart: 1/T = a + b ln R + c (ln R)^3, T in kelvin; in degC.
double steinhartHartCelsius(double ohms, double a, double b, double c);
// The beta equation 1/T = 1/T0 + ln(R/R0)/B as Steinhart-Hart coefficients (c = 0).
void betaCoefficients(double r0Ohms, double t0Celsius, double beta, double* a, double* b, double* c);

}  // namespace analog

// Reads the pin and converts; the host model inverts convert() to produce the
// millivolts of its wave.
class AnalogProbe : public PolledSensor {
 public:
  // Channel 0's value from millivolts (and channel 1's, for a battery); false
  // when the reading is no measurement (a probe unplugged, at a rail).
  virtual bool convert(double mv, double* values) const = 0;
  // The millivolts convert() is defined over, for the model's search.
  virtual double maxMv() const { return 3300; }

 protected:
  AnalogProbe(const char* name, int pin, uint8_t channels, uint32_t intervalMs);
  ~AnalogProbe() {}
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

  int pin_;
  uint8_t channels_;
};

class SoilMoisture : public AnalogProbe {
 public:
  SoilMoisture(int pin, double dryMv, double wetMv, uint32_t intervalMs);
  bool convert(double mv, double* values) const override;

 private:
  double dryMv_;
  double wetMv_;
  char name_[20];
};

class Battery : public AnalogProbe {
 public:
  // `ratio`: the divider's (R1 + R2) / R2, 2 for two equal resistors. Channels: voltage, percent.
  Battery(int pin, double ratio, uint32_t intervalMs);
  bool convert(double mv, double* values) const override;

 private:
  double ratio_;
  char name_[20];
};

class Ntc : public AnalogProbe {
 public:
  enum class Curve : uint8_t { Beta, SteinhartHart };
  // Beta: p1 B (K), p2 R0 (ohms), p3 T0 (degC); SteinhartHart: a, b, c.
  Ntc(int pin, double seriesOhms, double supplyMv, bool ntcToGround, Curve curve, double p1, double p2, double p3,
      uint32_t intervalMs);
  bool convert(double mv, double* values) const override;
  double maxMv() const override { return supplyMv_; }

 private:
  double seriesOhms_;
  double supplyMv_;
  bool ntcToGround_;
  double a_, b_, c_;
  char name_[20];
};

}  // namespace harbor
