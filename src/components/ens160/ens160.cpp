#include "harbor/sensors/ens160.h"

#include <stdio.h>

namespace harbor {
namespace ens160 {

Reading parse(const uint8_t data[6]) {
  Reading r;
  r.status = data[0];
  r.aqi = static_cast<uint8_t>(data[1] & 0x07);  // bits 2:0; the rest are reserved
  r.tvoc = static_cast<uint16_t>(data[2] | data[3] << 8);
  r.eco2 = static_cast<uint16_t>(data[4] | data[5] << 8);
  return r;
}

}  // namespace ens160

namespace {

// No new data this long after the start: the sensor stopped computing.
const uint32_t kLateMs = 2 * ens160::kPeriodMs;

}  // namespace

Ens160::Ens160(I2cBus& bus, uint8_t address, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs), bus_(bus), address_(address), startedMs_(0) {
  snprintf(name_, sizeof name_, "ens160 0x%02x", address);
}

PolledSensor::Result Ens160::setup(uint64_t nowMs) {
  uint8_t id[2] = {0, 0};
  platform::BusResult r = bus_.readRegisters(address_, ens160::kRegPartId, id, sizeof id);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if ((id[0] | id[1] << 8) != ens160::kPartId) return fail(ReadError::Absent);  // another chip at this address
  r = bus_.writeRegister(address_, ens160::kRegOpMode, ens160::kOpModeStandard);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  startedMs_ = nowMs;
  return done();
}

PolledSensor::Result Ens160::start(uint64_t) { return done(); }  // it measures by itself: collect at once

PolledSensor::Result Ens160::collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) {
  uint8_t data[6];
  const platform::BusResult r = bus_.readRegisters(address_, ens160::kRegStatus, data, sizeof data);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const ens160::Reading reading = ens160::parse(data);
  if (reading.status & ens160::kStatusError) return fail(ReadError::Bus);
  if (!(reading.status & ens160::kStatusNewData)) {
    return noResultYet(nowMs, startedMs_, kLateMs);
  }
  const ens160::Validity v = ens160::validity(reading.status);
  if (v == ens160::Validity::WarmUp) return done();  // not a reading yet, not a failure
  if (v == ens160::Validity::Invalid) return fail(ReadError::OutOfRange);
  // AQI-UBA 1 to 5, TVOC 0 to 65000 ppb, eCO2 400 to 65000 ppm.
  if (reading.aqi < 1 || reading.aqi > 5 || reading.tvoc > 65000 || reading.eco2 < 400 || reading.eco2 > 65000) {
    return fail(ReadError::OutOfRange);
  }
  out.emit(0, reading.aqi, takenMs);
  out.emit(1, reading.tvoc, takenMs);
  out.emit(2, reading.eco2, takenMs);
  return done();
}

}  // namespace harbor
