// Texas Instruments TMP117 temperature over I2C, in one-shot mode: each slot
// writes the configuration register to start one conversion of 8 averages,
// comes back after its 125 ms, checks Data_Ready and reads the result. Between
// slots the part is shut down. No CRC on this part.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace tmp117 {

// TMP117 datasheet (SNOSD82), register map.
const uint8_t kRegTemperature = 0x00;
const uint8_t kRegConfiguration = 0x01;
const uint8_t kRegDeviceId = 0x0F;
const uint16_t kDeviceId = 0x0117;        // bits 11-0; 15-12 are the revision
const uint16_t kDataReady = 0x2000;       // configuration bit 13
const uint16_t kModeMask = 0x0C00;        // MOD[1:0], bits 11-10
const uint16_t kShutdown = 0x0400 | 0x0020;  // MOD 01, AVG 01 (8 averages)
const uint16_t kOneShot = 0x0C00 | 0x0020;   // MOD 11, AVG 01
const uint32_t kOneShotMs = 125;          // the conversion time of 8 averages (conversion cycle time table)
const uint32_t kReadyPollMs = 5;

// Table 7-1 (16-bit temperature data format): two's complement, 1 LSB = 7.8125 m degC.
double celsius(uint16_t raw);

}  // namespace tmp117

class Tmp117 : public PolledSensor {
 public:
  // One channel: temperature (degC).
  Tmp117(I2cBus& bus, uint8_t address, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  platform::BusResult read16(uint8_t reg, uint16_t* value);
  platform::BusResult write16(uint8_t reg, uint16_t value);

  I2cBus& bus_;
  uint8_t address_;
  uint8_t polls_;  // reads that found no data yet
  char name_[16];
};

}  // namespace harbor
