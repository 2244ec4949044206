#include "harbor/sensors/ccs811.h"

#include <stdio.h>

namespace harbor {
namespace ccs811 {

Result parse(const uint8_t data[6]) {
  Result r;
  r.eco2 = static_cast<uint16_t>(data[0] << 8 | data[1]);
  r.tvoc = static_cast<uint16_t>(data[2] << 8 | data[3]);
  r.status = data[4];
  r.error = data[5];
  return r;
}

}  // namespace ccs811

namespace {

// No result this long after the start: the part stopped measuring.
const uint32_t kLateMs = 2 * ccs811::kPeriodMs;

}  // namespace

Ccs811::Ccs811(I2cBus& bus, uint8_t address, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs), bus_(bus), address_(address), appStarted_(false), startedMs_(0) {
  snprintf(name_, sizeof name_, "ccs811 0x%02x", address);
}

PolledSensor::Result Ccs811::setup(uint64_t nowMs) {
  uint8_t status = 0;
  platform::BusResult r = platform::BusResult::Ok;
  if (!appStarted_) {
    uint8_t id = 0;
    r = bus_.readRegisters(address_, ccs811::kRegHwId, &id, 1);
    if (r == platform::BusResult::Ok) r = bus_.readRegisters(address_, ccs811::kRegStatus, &status, 1);
    if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
    if (id != ccs811::kHwId || !(status & ccs811::kStatusAppValid)) return fail(ReadError::Absent);
    if (!(status & ccs811::kStatusFwMode)) {
      // In its boot loader (after power-on): start the application, then set the mode.
      r = bus_.write(address_, &ccs811::kAppStart, 1);
      if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
      appStarted_ = true;
      return waitMs(ccs811::kAppStartMs);
    }
  } else {
    appStarted_ = false;
    r = bus_.readRegisters(address_, ccs811::kRegStatus, &status, 1);
    if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
    if (!(status & ccs811::kStatusFwMode)) return fail(ReadError::Timeout);  // the application did not start
  }
  r = bus_.writeRegister(address_, ccs811::kRegMeasMode, ccs811::kDriveMode1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  startedMs_ = nowMs;
  return done();
}

PolledSensor::Result Ccs811::start(uint64_t) { return done(); }  // it measures by itself: collect at once

PolledSensor::Result Ccs811::collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) {
  uint8_t data[6];
  const platform::BusResult r = bus_.readRegisters(address_, ccs811::kRegAlgResultData, data, sizeof data);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const ccs811::Result result = ccs811::parse(data);
  if (result.status & ccs811::kStatusError) return fail(ReadError::Bus);  // ERROR_ID says why
  if (!(result.status & ccs811::kStatusDataReady)) {
    return noResultYet(nowMs, startedMs_, kLateMs);
  }
  // eCO2 400 to 8192 ppm, TVOC 0 to 1187 ppb.
  if (result.eco2 < 400 || result.eco2 > 8192 || result.tvoc > 1187) return fail(ReadError::OutOfRange);
  out.emit(0, result.eco2, takenMs);
  out.emit(1, result.tvoc, takenMs);
  return done();
}

}  // namespace harbor
