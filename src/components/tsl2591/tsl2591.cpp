#include "harbor/sensors/tsl2591.h"

#include <stdio.h>

namespace harbor {
namespace tsl2591 {

double gainFactor(uint8_t again) {
  switch (again) {
    case 1: return 25;
    case 2: return 428;
    case 3: return 9876;
    default: return 1;
  }
}

uint16_t maxCount(uint8_t atime) { return atime == 0 ? 37888 : 65535; }

double lux(uint16_t c0, uint16_t c1, uint8_t again, uint8_t atime) {
  if (c0 == 0) return 0;
  const double cpl = (atime + 1) * 100.0 * gainFactor(again) / 408.0;
  return (static_cast<double>(c0) - c1) * (1.0 - static_cast<double>(c1) / c0) / cpl *
         (c1 > c0 ? -1 : 1);
}

}  // namespace tsl2591

namespace {

// AVALID not yet set after the integration and 10 %: look again this often, this many times.
const uint32_t kPollMs = 10;
const uint8_t kMaxPolls = 5;

}  // namespace

Tsl2591::Tsl2591(I2cBus& bus, uint8_t address, uint32_t intervalMs, uint8_t again, uint8_t atime)
    : PolledSensor(name_, intervalMs),
      bus_(bus),
      address_(address),
      again_(again > 3 ? 3 : again),
      atime_(atime > 5 ? 5 : atime),
      polls_(0) {
  snprintf(name_, sizeof name_, "tsl2591 0x%02x", address);
}

platform::BusResult Tsl2591::write(uint8_t reg, uint8_t value) {
  return bus_.writeRegister(address_, static_cast<uint8_t>(tsl2591::kCommand | reg), value);
}

platform::BusResult Tsl2591::read(uint8_t reg, uint8_t* data, size_t length) {
  return bus_.readRegisters(address_, static_cast<uint8_t>(tsl2591::kCommand | reg), data, length);
}

PolledSensor::Result Tsl2591::setup(uint64_t) {
  uint8_t id = 0;
  platform::BusResult r = read(tsl2591::kRegId, &id, 1);
  if (r == platform::BusResult::Ok && id == tsl2591::kId) {
    r = write(tsl2591::kRegControl, static_cast<uint8_t>(again_ << 4 | atime_));
    if (r == platform::BusResult::Ok) r = write(tsl2591::kRegEnable, 0x00);
  }
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (id != tsl2591::kId) return fail(ReadError::Absent);
  return done();
}

PolledSensor::Result Tsl2591::start(uint64_t) {
  // Off first: if the last power-down was lost, enabling again still starts a fresh integration.
  platform::BusResult r = write(tsl2591::kRegEnable, 0x00);
  if (r == platform::BusResult::Ok) r = write(tsl2591::kRegEnable, tsl2591::kPowerOn | tsl2591::kAlsEnable);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  polls_ = 0;
  const uint32_t ms = (atime_ + 1) * 100u;
  return waitMs(ms + ms / 10);
}

PolledSensor::Result Tsl2591::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t status = 0;
  platform::BusResult r = read(tsl2591::kRegStatus, &status, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!(status & tsl2591::kAlsValid)) {
    if (++polls_ > kMaxPolls) return fail(ReadError::Timeout);
    return waitMs(kPollMs);
  }
  // One four-byte read: reading C0DATAL latches the other three (datasheet, "ALS Data Registers").
  uint8_t d[4];
  r = read(tsl2591::kRegC0DataL, d, sizeof d);
  if (r == platform::BusResult::Ok) r = write(tsl2591::kRegEnable, 0x00);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const uint16_t c0 = static_cast<uint16_t>(d[0] | d[1] << 8);
  const uint16_t c1 = static_cast<uint16_t>(d[2] | d[3] << 8);
  const uint16_t most = tsl2591::maxCount(atime_);
  if (c0 >= most || c1 >= most || c1 > c0) return fail(ReadError::OutOfRange);
  out.emit(0, tsl2591::lux(c0, c1, again_, atime_), takenMs);
  return done();
}

}  // namespace harbor
