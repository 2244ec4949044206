// ST VL53L0X and VL53L1X time-of-flight distance sensors over I2C (0x29), a
// minimal register-level driver in the way Pololu's libraries drive them:
// each slot starts one single ranging, waits the timing budget, polls the
// interrupt status until the result is there, reads the range in mm and its
// status, and clears the interrupt. No ST tuning settings, calibration or
// ROI are loaded: the part's defaults are used as they are.
// Registers: ST's VL53L0X API (vl53l0x_device.h register map) and VL53L1X
// ultra lite driver (VL53L1X_api.h), as Pololu's vl53l0x-arduino and
// vl53l1x-arduino use them.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace vl53 {

const uint8_t kAddress = 0x29;

// VL53L0X: 8-bit register addresses.
const uint8_t kL0SysrangeStart = 0x00;          // 0x01: single ranging
const uint8_t kL0InterruptConfigGpio = 0x0A;    // 0x04: new sample ready
const uint8_t kL0InterruptClear = 0x0B;
const uint8_t kL0ResultInterruptStatus = 0x13;  // bits 2:0 non-zero: a result waits
const uint8_t kL0ResultRangeStatus = 0x14;      // range (mm) at +10, big-endian
const uint8_t kL0ModelId = 0xC0;
const uint8_t kL0ModelIdValue = 0xEE;
const uint8_t kL0RangeValid = 11;               // device range status, bits 6:3
const uint16_t kL0OutOfRange = 8190;            // 8190 / 8191: no target

// VL53L1X: 16-bit register addresses.
const uint16_t kL1InterruptClear = 0x0086;
const uint16_t kL1ModeStart = 0x0087;           // 0x10: single shot
const uint16_t kL1GpioTioHvStatus = 0x0031;     // bit 0 low: a result waits (active-low default)
const uint16_t kL1ResultRangeStatus = 0x0089;   // bits 4:0
const uint16_t kL1ResultRangeMm = 0x0096;       // final crosstalk-corrected range, big-endian
const uint16_t kL1ModelId = 0x010F;
const uint16_t kL1ModelIdValue = 0xEACC;        // model id 0xEA, module type 0xCC
const uint16_t kL1SystemStatus = 0x00E5;        // bit 0: booted
const uint8_t kL1RangeValid = 9;

// The device range status of a VL53L0X RESULT_RANGE_STATUS byte.
inline uint8_t l0RangeStatus(uint8_t reg) { return static_cast<uint8_t>((reg >> 3) & 0x0F); }

}  // namespace vl53

class Vl53 : public PolledSensor {
 public:
  enum class Variant : uint8_t { L0x, L1x };
  // Channel: distance (mm).
  Vl53(I2cBus& bus, Variant variant, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  platform::BusResult read16(uint16_t reg, uint8_t* data, size_t length);
  platform::BusResult write16(uint16_t reg, uint8_t value);

  I2cBus& bus_;
  Variant variant_;
  uint8_t stopVariable_;  // VL53L0X: read at setup, written before each start (as ST's API does)
  uint8_t polls_;
};

}  // namespace harbor
