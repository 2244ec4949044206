#include "harbor/sensors/htu21d.h"

#include <stdio.h>

#include "harbor/bus/crc.h"

namespace harbor {
namespace htu21d {

double celsius(uint16_t word) { return -46.85 + 175.72 * (word & 0xFFFC) / 65536.0; }
double humidity(uint16_t word) { return -6.0 + 125.0 * (word & 0xFFFC) / 65536.0; }

}  // namespace htu21d

namespace {

// Maximum measuring times at the default resolution (12-bit RH, 14-bit T):
// HTU21D(F) 16 and 50 ms; Si7021 12 ms for RH plus the 10.8 ms temperature it
// measures with it, and 10.8 ms for T alone.
uint32_t humidityMs(Htu21d::Variant v) { return v == Htu21d::Variant::Htu21d ? 16 : 23; }
uint32_t temperatureMs(Htu21d::Variant v) { return v == Htu21d::Variant::Htu21d ? 50 : 11; }

}  // namespace

Htu21d::Htu21d(I2cBus& bus, Variant variant, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs), bus_(bus), variant_(variant), humidityRead_(false), humidityWord_(0) {
  snprintf(name_, sizeof name_, "%s 0x%02x", variant == Variant::Htu21d ? "htu21d" : "si7021", htu21d::kAddress);
}

PolledSensor::Result Htu21d::setup(uint64_t) {
  // Found when it answers a user register read; the register is left at its
  // defaults (12-bit RH, 14-bit T, heater off), which the times above assume.
  uint8_t user = 0;
  const platform::BusResult r = bus_.readRegisters(htu21d::kAddress, htu21d::kReadUserRegister, &user, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return done();
}

PolledSensor::Result Htu21d::start(uint64_t) {
  const platform::BusResult r = bus_.write(htu21d::kAddress, &htu21d::kMeasureHumidity, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  humidityRead_ = false;
  return waitMs(humidityMs(variant_));
}

PolledSensor::Result Htu21d::readWord(uint16_t* word) {
  uint8_t d[3];
  const platform::BusResult r = bus_.read(htu21d::kAddress, d, sizeof d);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (htu21dCrc8(d, 2) != d[2]) return fail(ReadError::Crc);
  *word = static_cast<uint16_t>(d[0] << 8 | d[1]);
  return done();
}

PolledSensor::Result Htu21d::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  if (!humidityRead_) {
    const Result r = readWord(&humidityWord_);
    if (r.step != Step::Done) return r;
    const platform::BusResult w = bus_.write(htu21d::kAddress, &htu21d::kMeasureTemperature, 1);
    if (w != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(w));
    humidityRead_ = true;
    return waitMs(temperatureMs(variant_));
  }
  uint16_t temperatureWord = 0;
  const Result r = readWord(&temperatureWord);
  if (r.step != Step::Done) return r;
  const double celsius = htu21d::celsius(temperatureWord);
  // Operating range of both: -40..125 degC. RH beyond 0..100 is the ASIC's
  // margin (HTU21D: -6 to 118 %RH) and is cropped, as both datasheets advise.
  if (celsius < -40 || celsius > 125) return fail(ReadError::OutOfRange);
  const double rh = htu21d::humidity(humidityWord_);
  out.emit(0, celsius, takenMs);
  out.emit(1, rh < 0 ? 0 : rh > 100 ? 100 : rh, takenMs);
  return done();
}

}  // namespace harbor
