#include "harbor/sensors/aht.h"

#include <stdio.h>

#include "harbor/bus/crc.h"

namespace harbor {
namespace aht {

double humidity(uint32_t raw20) { return raw20 / 1048576.0 * 100.0; }
double celsius(uint32_t raw20) { return raw20 / 1048576.0 * 200.0 - 50.0; }

uint32_t rawHumidity(const uint8_t a[6]) {
  return static_cast<uint32_t>(a[1]) << 12 | static_cast<uint32_t>(a[2]) << 4 | a[3] >> 4;
}

uint32_t rawTemperature(const uint8_t a[6]) {
  return static_cast<uint32_t>(a[3] & 0x0F) << 16 | static_cast<uint32_t>(a[4]) << 8 | a[5];
}

}  // namespace aht

namespace {
// Still busy after this many extra polls (80 ms more than the datasheet's time): something is wrong.
const uint8_t kMaxBusyPolls = 8;
}  // namespace

Aht::Aht(I2cBus& bus, uint8_t address, Variant variant, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs), bus_(bus), address_(address), variant_(variant), initSent_(false), polls_(0) {
  snprintf(name_, sizeof name_, "%s 0x%02x", variant == Variant::Aht10 ? "aht10" : "aht20", address);
}

PolledSensor::Result Aht::setup(uint64_t) {
  // The datasheet's 40 ms (AHT20) after power-on have passed: a board takes longer to boot.
  uint8_t status = 0;
  platform::BusResult r = bus_.read(address_, &status, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (status & aht::kStatusCalibrated) {
    initSent_ = false;
    return done();
  }
  // Not calibrated: send the initialization once, look again after 10 ms.
  if (initSent_) {
    initSent_ = false;
    return fail(ReadError::Absent);
  }
  r = bus_.write(address_, variant_ == Variant::Aht10 ? aht::kInitAht10 : aht::kInitAht20, 3);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  initSent_ = true;
  return waitMs(aht::kInitMs);
}

PolledSensor::Result Aht::start(uint64_t) {
  const platform::BusResult r = bus_.write(address_, aht::kTrigger, sizeof aht::kTrigger);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  polls_ = 0;
  return waitMs(variant_ == Variant::Aht10 ? aht::kMeasureAht10Ms : aht::kMeasureAht20Ms);
}

PolledSensor::Result Aht::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t a[7];
  const bool crc = variant_ == Variant::Aht20;
  const platform::BusResult r = bus_.read(address_, a, crc ? 7 : 6);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (a[0] & aht::kStatusBusy) {
    if (++polls_ > kMaxBusyPolls) return fail(ReadError::Timeout);
    return waitMs(aht::kBusyPollMs);
  }
  if (crc && sensirionCrc8(a, 6) != a[6]) return fail(ReadError::Crc);
  const double celsius = aht::celsius(aht::rawTemperature(a));
  // The datasheets' operating range: -40..85 degC (AHT20), -40..85 degC (AHT10).
  if (celsius < -40 || celsius > 85) return fail(ReadError::OutOfRange);
  out.emit(0, celsius, takenMs);
  out.emit(1, aht::humidity(aht::rawHumidity(a)), takenMs);
  return done();
}

}  // namespace harbor
