#include "harbor/sensors/adxl345.h"

#include <stdio.h>

namespace harbor {
namespace adxl345 {

uint8_t rangeCode(uint8_t g) {
  uint8_t code = 0;
  while (code < 3 && (2u << code) < g) ++code;
  return code;
}

double toMs2(int16_t count) { return count * (9.80665 / kLsbPerG); }

}  // namespace adxl345

namespace {

// Table 1: turn-on time 1.1 ms + 1/ODR; at BW_RATE 0x0A (100 Hz), 11.1 ms.
const uint32_t kFirstSampleMs = 12;
const uint8_t kRate100Hz = 0x0A;

int16_t s16le(const uint8_t* p) { return static_cast<int16_t>(p[1] << 8 | p[0]); }

}  // namespace

Adxl345::Adxl345(I2cBus& bus, uint8_t address, uint8_t rangeG, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs), bus_(bus), address_(address), range_(adxl345::rangeCode(rangeG)), readyAtMs_(0) {
  snprintf(name_, sizeof name_, "adxl345 0x%02x", address);
}

PolledSensor::Result Adxl345::setup(uint64_t nowMs) {
  uint8_t id = 0;
  platform::BusResult r = bus_.readRegisters(address_, adxl345::kRegDevId, &id, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (id != adxl345::kDevId) return fail(ReadError::Absent);
  r = bus_.writeRegister(address_, adxl345::kRegBwRate, kRate100Hz);
  if (r == platform::BusResult::Ok) {
    r = bus_.writeRegister(address_, adxl345::kRegDataFormat, static_cast<uint8_t>(adxl345::kFullRes | range_));
  }
  if (r == platform::BusResult::Ok) r = bus_.writeRegister(address_, adxl345::kRegPowerCtl, adxl345::kMeasure);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  readyAtMs_ = nowMs + kFirstSampleMs;
  return done();
}

PolledSensor::Result Adxl345::start(uint64_t nowMs) {
  return nowMs < readyAtMs_ ? waitMs(static_cast<uint32_t>(readyAtMs_ - nowMs)) : done();
}

PolledSensor::Result Adxl345::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  // POWER_CTL first: after a brown-out the part is in standby and its outputs mean nothing.
  uint8_t power = 0;
  platform::BusResult r = bus_.readRegisters(address_, adxl345::kRegPowerCtl, &power, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!(power & adxl345::kMeasure)) return fail(ReadError::Absent);
  uint8_t d[6];
  r = bus_.readRegisters(address_, adxl345::kRegData, d, sizeof d);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  // Full resolution: 10 bits at 2 g ... 13 bits at 16 g; the extremes are clipped readings.
  const int16_t limit = static_cast<int16_t>(256 * (2 << range_));
  for (int i = 0; i < 3; ++i) {
    const int16_t v = s16le(d + 2 * i);
    if (v >= limit - 1 || v <= -limit) return fail(ReadError::OutOfRange);
  }
  for (int i = 0; i < 3; ++i) out.emit(static_cast<uint8_t>(i), adxl345::toMs2(s16le(d + 2 * i)), takenMs);
  return done();
}

}  // namespace harbor
