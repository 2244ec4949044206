// TAOS (ams) TSL2561 / TSL2560 light-to-digital converter over I2C: each slot
// powers it up, collects the first integration of both photodiodes after the
// integration time, powers it down, and converts with the datasheet's
// empirical lux formula for the package the ID register names.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace tsl2561 {

// Command byte (datasheet TAOS059, "Command Register"): CMD, WORD protocol, register address.
const uint8_t kCommand = 0x80;
const uint8_t kWord = 0x20;
const uint8_t kRegControl = 0x0;
const uint8_t kRegTiming = 0x1;
const uint8_t kRegId = 0xA;
const uint8_t kRegData0 = 0xC;
const uint8_t kRegData1 = 0xE;
const uint8_t kPowerUp = 0x03;
const uint8_t kGain16 = 0x10;

enum class Package : uint8_t { T, Cs };  // T, FN and CL share one formula; CS has its own

// Integration times, TIMING INTEG 00, 01, 10: 13.7, 101 and 402 ms nominal.
uint32_t integrationUs(uint8_t integ);
// The most counts an integration can hold before it saturates ("Calculating Lux": 5047, 37177, 65535).
uint16_t maxCount(uint8_t integ);
// "Calculating Lux": the formulas assume 16x gain and 402 ms; counts at other
// settings are scaled by 322/11 (13.7 ms), 322/81 (101 ms) and 16 (1x gain) first.
double lux(Package package, uint16_t ch0, uint16_t ch1, bool gain16, uint8_t integ);

}  // namespace tsl2561

class Tsl2561 : public PolledSensor {
 public:
  // One channel: illuminance (lx). `integ` 0, 1 or 2 (13.7, 101, 402 ms).
  Tsl2561(I2cBus& bus, uint8_t address, uint32_t intervalMs, bool gain16, uint8_t integ);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  platform::BusResult write(uint8_t reg, uint8_t value);
  platform::BusResult readWord(uint8_t reg, uint16_t* value);

  I2cBus& bus_;
  uint8_t address_;
  bool gain16_;
  uint8_t integ_;
  tsl2561::Package package_;
  char name_[16];
};

}  // namespace harbor
