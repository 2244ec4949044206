// ams TSL2591 high-dynamic-range light sensor over I2C: each slot enables the
// ALS, collects the first integration of both photodiodes once its valid flag
// is set, and powers it down again, so the loop never waits for the 100-600 ms.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace tsl2591 {

// Command byte: CMD, normal transaction, register (datasheet ams DS000338, "Command Register").
const uint8_t kCommand = 0xA0;
const uint8_t kRegEnable = 0x00;
const uint8_t kRegControl = 0x01;
const uint8_t kRegId = 0x12;
const uint8_t kRegStatus = 0x13;
const uint8_t kRegC0DataL = 0x14;  // C0DATAL, C0DATAH, C1DATAL, C1DATAH
const uint8_t kId = 0x50;
const uint8_t kPowerOn = 0x01;   // PON
const uint8_t kAlsEnable = 0x02; // AEN
const uint8_t kAlsValid = 0x01;  // STATUS AVALID

// AGAIN 0..3: low, medium, high and maximum gain, as multiples of low (typical: 1, 25, 428, 9876).
double gainFactor(uint8_t again);
// ATIME 0..5: 100..600 ms; the most a channel counts: 37888 at 100 ms, 65535 above.
uint16_t maxCount(uint8_t atime);
// Lux from the full-spectrum (C0) and infrared (C1) counts:
// (C0 - C1) (1 - C1 / C0) / CPL with CPL = ATIME_ms x AGAIN / 408, the
// device factor for the TSL2591. The datasheet gives no lux equation; this is
// the one ams's coefficients feed in the Linux IIO driver (tsl2591.c) and
// Adafruit's library. Negative when C1 > C0, which light cannot do.
double lux(uint16_t c0, uint16_t c1, uint8_t again, uint8_t atime);

}  // namespace tsl2591

class Tsl2591 : public PolledSensor {
 public:
  // One channel: illuminance (lx). `again` 0..3, `atime` 0..5.
  Tsl2591(I2cBus& bus, uint8_t address, uint32_t intervalMs, uint8_t again, uint8_t atime);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  platform::BusResult write(uint8_t reg, uint8_t value);
  platform::BusResult read(uint8_t reg, uint8_t* data, size_t length);

  I2cBus& bus_;
  uint8_t address_;
  uint8_t again_;
  uint8_t atime_;
  uint8_t polls_;
  char name_[16];
};

}  // namespace harbor
