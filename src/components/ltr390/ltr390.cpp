#include "harbor/sensors/ltr390.h"

#include <stdio.h>

namespace harbor {
namespace ltr390 {

uint8_t gainCode(uint8_t gain) {
  switch (gain) {
    case 1: return 0;
    case 6: return 2;
    case 9: return 3;
    case 18: return 4;
    default: return 1;  // 3x
  }
}

uint8_t resolutionCode(uint8_t bits) { return bits == 13 ? 5 : static_cast<uint8_t>(20 - (bits < 16 ? 16 : bits > 20 ? 20 : bits)); }

uint32_t conversionUs(uint8_t bits) {
  // 400 ms at 20 bits, halving with each bit down to 25 ms at 16; 12.5 ms at 13.
  return bits == 13 ? 12500 : 400000u >> resolutionCode(bits);
}

double uvIndex(uint32_t uvs, uint8_t gain, uint8_t bits, double wfac) {
  const double sensitivity = 2300.0 * (gain / 18.0) * (conversionUs(bits) / 400000.0);
  return uvs / sensitivity * wfac;
}

}  // namespace ltr390

namespace {

// The measurement rate code at least as long as the conversion (25, 50, 100, 200 or 500 ms).
uint8_t rateCode(uint8_t bits) {
  switch (bits) {
    case 20: return 4;
    case 19: return 3;
    case 18: return 2;
    case 17: return 1;
    default: return 0;
  }
}

const uint32_t kPollMs = 5;
const uint8_t kMaxPolls = 5;

}  // namespace

Ltr390::Ltr390(I2cBus& bus, uint8_t address, uint32_t intervalMs, uint8_t gain, uint8_t bits)
    : PolledSensor(name_, intervalMs), bus_(bus), address_(address), gain_(gain), bits_(bits), polls_(0) {
  snprintf(name_, sizeof name_, "ltr390 0x%02x", address);
}

PolledSensor::Result Ltr390::setup(uint64_t) {
  uint8_t id = 0;
  platform::BusResult r = bus_.readRegisters(address_, ltr390::kRegPartId, &id, 1);
  if (r == platform::BusResult::Ok && (id & 0xF0) == ltr390::kPartId) {
    r = bus_.writeRegister(address_, ltr390::kRegMeasRate,
                           static_cast<uint8_t>(ltr390::resolutionCode(bits_) << 4 | rateCode(bits_)));
    if (r == platform::BusResult::Ok) r = bus_.writeRegister(address_, ltr390::kRegGain, ltr390::gainCode(gain_));
    if (r == platform::BusResult::Ok) r = bus_.writeRegister(address_, ltr390::kRegMainCtrl, ltr390::kUvsMode);
  }
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if ((id & 0xF0) != ltr390::kPartId) return fail(ReadError::Absent);
  return done();
}

PolledSensor::Result Ltr390::start(uint64_t) {
  // Standby first: if the last one was lost, enabling again still starts a fresh measurement.
  platform::BusResult r = bus_.writeRegister(address_, ltr390::kRegMainCtrl, ltr390::kUvsMode);
  if (r == platform::BusResult::Ok) r = bus_.writeRegister(address_, ltr390::kRegMainCtrl, ltr390::kUvsMode | ltr390::kEnable);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  polls_ = 0;
  const uint32_t us = ltr390::conversionUs(bits_);
  return waitMs((us + us / 10) / 1000 + 1);
}

PolledSensor::Result Ltr390::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t status = 0;
  platform::BusResult r = bus_.readRegisters(address_, ltr390::kRegMainStatus, &status, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!(status & ltr390::kNewData)) {
    if (++polls_ > kMaxPolls) return fail(ReadError::Timeout);
    return waitMs(kPollMs);
  }
  uint8_t d[3];
  r = bus_.readRegisters(address_, ltr390::kRegUvsData, d, sizeof d);
  if (r == platform::BusResult::Ok) r = bus_.writeRegister(address_, ltr390::kRegMainCtrl, ltr390::kUvsMode);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const uint32_t uvs = static_cast<uint32_t>(d[0]) | static_cast<uint32_t>(d[1]) << 8 | static_cast<uint32_t>(d[2] & 0x0F) << 16;
  // A full-scale count is saturated: more UV than this gain and resolution hold.
  if (uvs >= (1ul << bits_) - 1) return fail(ReadError::OutOfRange);
  // WFAC 1: no window over the sensor (datasheet: 1 for no window or clear glass).
  out.emit(0, ltr390::uvIndex(uvs, gain_, bits_, 1.0), takenMs);
  return done();
}

}  // namespace harbor
