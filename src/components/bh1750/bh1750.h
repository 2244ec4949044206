// ROHM BH1750FVI ambient light sensor over I2C, in one-time H-resolution mode:
// each slot writes the one-time command and reads the two result bytes after
// the datasheet's longest measurement time, so the loop never waits for it.
// The chip powers down by itself after a one-time measurement.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace bh1750 {

// Instruction set (BH1750FVI datasheet, "Instruction Set Architecture", p. 5).
const uint8_t kPowerOn = 0x01;
const uint8_t kOneTimeHighRes = 0x20;
const uint8_t kMtHigh = 0x40;  // 01000_MT[7:5]
const uint8_t kMtLow = 0x60;   // 011_MT[4:0]
const uint8_t kDefaultMt = 69;  // the measurement time register's default
// H-resolution mode measurement time, maximum (electrical characteristics p. 2: typ. 120, max. 180 ms).
const uint32_t kMeasurementMs = 180;

// Datasheet p. 11: lux = count / 1.2 (H-resolution mode, MTreg at its default 69).
double countToLux(uint16_t count);

}  // namespace bh1750

class Bh1750 : public PolledSensor {
 public:
  // One channel: illuminance (lx).
  Bh1750(I2cBus& bus, uint8_t address, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  platform::BusResult command(uint8_t opcode);

  I2cBus& bus_;
  uint8_t address_;
  char name_[16];
};

}  // namespace harbor
