#include "harbor/sensors/mpu6050.h"

#include <stdio.h>

namespace harbor {
namespace mpu6050 {

double accelLsbPerG(uint8_t afsSel) { return 16384.0 / (1u << (afsSel & 3)); }

double gyroLsbPerDps(uint8_t fsSel) {
  // 131, 65.5, 32.8, 16.4: not exact halvings (section 4.19's table).
  static const double kLsb[4] = {131.0, 65.5, 32.8, 16.4};
  return kLsb[fsSel & 3];
}

double temperature(int16_t raw) { return raw / 340.0 + 36.53; }

uint8_t rangeCode(uint16_t range, uint16_t smallest) {
  uint8_t code = 0;
  while (code < 3 && static_cast<uint32_t>(smallest) << code < range) ++code;
  return code;
}

}  // namespace mpu6050

namespace {

// Product specification PS-MPU-6000A-00 rev 3.4, section 6.1: gyroscope start-up time 30 ms.
const uint32_t kGyroStartupMs = 30;

int16_t s16(const uint8_t* p) { return static_cast<int16_t>(p[0] << 8 | p[1]); }
bool saturated(int16_t v) { return v == 32767 || v == -32768; }

}  // namespace

Mpu6050::Mpu6050(I2cBus& bus, uint8_t address, uint16_t accelG, uint16_t gyroDps, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs),
      bus_(bus),
      address_(address),
      afsSel_(mpu6050::rangeCode(accelG, 2)),
      fsSel_(mpu6050::rangeCode(gyroDps, 250)),
      settledAtMs_(0) {
  snprintf(name_, sizeof name_, "mpu6050 0x%02x", address);
}

PolledSensor::Result Mpu6050::setup(uint64_t nowMs) {
  uint8_t id = 0;
  platform::BusResult r = bus_.readRegisters(address_, mpu6050::kRegWhoAmI, &id, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if ((id & 0x7E) != mpu6050::kWhoAmI) return fail(ReadError::Absent);  // another device at this address
  // Awake, clocked from the X gyro's PLL (section 4.28 recommends it over the internal oscillator).
  r = bus_.writeRegister(address_, mpu6050::kRegPwrMgmt1, mpu6050::kClockPllX);
  // DLPF_CFG 3: 44 Hz accel / 42 Hz gyro bandwidth, so a slot's sample is not one vibration's peak.
  if (r == platform::BusResult::Ok) r = bus_.writeRegister(address_, mpu6050::kRegConfig, 0x03);
  if (r == platform::BusResult::Ok) r = bus_.writeRegister(address_, mpu6050::kRegGyroConfig, static_cast<uint8_t>(fsSel_ << 3));
  if (r == platform::BusResult::Ok) r = bus_.writeRegister(address_, mpu6050::kRegAccelConfig, static_cast<uint8_t>(afsSel_ << 3));
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  settledAtMs_ = nowMs + kGyroStartupMs;
  return done();
}

PolledSensor::Result Mpu6050::start(uint64_t nowMs) {
  // Sampling runs continuously once awake: read at once, unless just woken.
  return nowMs < settledAtMs_ ? waitMs(static_cast<uint32_t>(settledAtMs_ - nowMs)) : done();
}

PolledSensor::Result Mpu6050::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t d[14];
  platform::BusResult r = bus_.readRegisters(address_, mpu6050::kRegData, d, sizeof d);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  // A device that lost power and woke up asleep reads all zeros, temperature 36.53 included: set it up again.
  uint8_t power = 0;
  r = bus_.readRegisters(address_, mpu6050::kRegPwrMgmt1, &power, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (power & mpu6050::kSleep) return fail(ReadError::Absent);
  const int16_t raw[7] = {s16(d), s16(d + 2), s16(d + 4), s16(d + 6), s16(d + 8), s16(d + 10), s16(d + 12)};
  // A full-scale value is clipped: the motion went beyond the range.
  for (int i = 0; i < 7; ++i) {
    if (i != 3 && saturated(raw[i])) return fail(ReadError::OutOfRange);
  }
  const double g = mpu6050::kStandardGravity / mpu6050::accelLsbPerG(afsSel_);
  const double dps = 1.0 / mpu6050::gyroLsbPerDps(fsSel_);
  out.emit(0, raw[0] * g, takenMs);
  out.emit(1, raw[1] * g, takenMs);
  out.emit(2, raw[2] * g, takenMs);
  out.emit(3, raw[4] * dps, takenMs);
  out.emit(4, raw[5] * dps, takenMs);
  out.emit(5, raw[6] * dps, takenMs);
  out.emit(6, mpu6050::temperature(raw[3]), takenMs);
  return done();
}

}  // namespace harbor
