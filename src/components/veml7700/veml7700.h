// Vishay VEML7700 ambient light sensor over I2C. It has no one-shot mode, so
// each slot powers it on (ALS_SD = 0), collects one integration after the
// datasheet's wake-up time and the integration time, and shuts it down again:
// the reading belongs to its slot and the loop never waits for it.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace veml7700 {

// Command codes (VEML7700 datasheet, doc. 84286, "Command Register Format"): 16-bit, LSB first.
const uint8_t kRegConf = 0x00;
const uint8_t kRegPowerSaving = 0x03;
const uint8_t kRegAls = 0x04;
const uint16_t kShutDown = 0x0001;  // ALS_SD
// "a wait time of 4 ms should be observed before the first measurement is picked up" after ALS_SD = 0.
const uint32_t kWakeMs = 4;

// ALS_GAIN (bits 12:11) of a gain of 2, 1, 1/4 or 1/8 given as eighths (16, 8, 2, 1).
uint16_t gainBits(uint8_t eighths);
// ALS_IT (bits 9:6) of 25, 50, 100, 200, 400 or 800 ms.
uint16_t integrationBits(uint16_t ms);
// Lux per count: 0.0042 lx at gain 2 and 800 ms, doubling each time gain or
// integration time halves (application note "Designing the VEML7700 Into an
// Application", doc. 84323, table "Resolution and maximum detection range").
double luxPerCount(uint8_t gainEighths, uint16_t integrationMs);

}  // namespace veml7700

class Veml7700 : public PolledSensor {
 public:
  // One channel: illuminance (lx). Gain in eighths (1 = x1/8 ... 16 = x2).
  Veml7700(I2cBus& bus, uint8_t address, uint32_t intervalMs, uint8_t gainEighths, uint16_t integrationMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  platform::BusResult write16(uint8_t reg, uint16_t value);

  I2cBus& bus_;
  uint8_t address_;
  uint16_t conf_;  // gain and integration time, powered on
  uint16_t integrationMs_;
  double luxPerCount_;
  char name_[16];
};

}  // namespace harbor
