// Microchip MCP9808 temperature over I2C. It converts continuously (250 ms at
// its 0.0625 degC resolution), so a slot reads the ambient temperature
// register at once: the latest finished conversion. No CRC on this part; a
// NACK or a register that reads wrong is skipped.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace mcp9808 {

// MCP9808 datasheet (DS25095A), register map (section 5.1).
const uint8_t kRegAmbient = 0x05;
const uint8_t kRegManufacturerId = 0x06;  // 0x0054
const uint8_t kRegDeviceId = 0x07;        // 0x04, then the revision
const uint8_t kRegResolution = 0x08;
const uint16_t kManufacturerId = 0x0054;
const uint8_t kDeviceId = 0x04;
const uint8_t kResolution0625 = 0x03;     // +0.0625 degC, tCONV 250 ms (resolution register)

// Section 5.1.3, equation 5-1: the alert flags (bits 15-13) cleared, bit 12 the
// sign, bits 11-0 the temperature in 1/16 degC; below 0 degC the 13-bit two's
// complement, (upper * 16 + lower / 16) - 256 (the equation's printed
// 256 - (...) has the sign reversed: it would make 0x1FFC +0.25 degC).
double celsius(uint16_t ambient);

}  // namespace mcp9808

class Mcp9808 : public PolledSensor {
 public:
  // One channel: temperature (degC).
  Mcp9808(I2cBus& bus, uint8_t address, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  platform::BusResult read16(uint8_t reg, uint16_t* value);

  I2cBus& bus_;
  uint8_t address_;
  char name_[16];
};

}  // namespace harbor
