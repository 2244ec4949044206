// Lite-On LTR-390UV-01 ultraviolet light sensor over I2C, in UVS mode: each
// slot enables a UV measurement, collects it once MAIN_STATUS says new data
// after the datasheet's conversion time, and puts the part back in standby.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace ltr390 {

// Register map (LTR-390UV-01 datasheet, "Register Description").
const uint8_t kRegMainCtrl = 0x00;
const uint8_t kRegMeasRate = 0x04;
const uint8_t kRegGain = 0x05;
const uint8_t kRegPartId = 0x06;
const uint8_t kRegMainStatus = 0x07;
const uint8_t kRegUvsData = 0x10;  // UVS_DATA_0..2, LSB first, 20 bits
const uint8_t kPartId = 0xB0;      // PART_ID[7:4] = 0xB; [3:0] the revision
const uint8_t kUvsMode = 0x08;     // MAIN_CTRL UVS_Mode
const uint8_t kEnable = 0x02;      // MAIN_CTRL ALS/UVS_Enable
const uint8_t kNewData = 0x08;     // MAIN_STATUS ALS/UVS data status

// ALS_UVS_GAIN code of a gain of 1, 3, 6, 9 or 18.
uint8_t gainCode(uint8_t gain);
// ALS_UVS_MEAS_RATE resolution code of 20, 19, 18, 17, 16 or 13 bits, and its conversion time.
uint8_t resolutionCode(uint8_t bits);
uint32_t conversionUs(uint8_t bits);
// UVI = UVS / sensitivity x WFAC, the sensitivity 2300 counts per UVI at gain 18
// and 20 bits (400 ms), in proportion to gain and integration time (datasheet, "UVI calculation").
double uvIndex(uint32_t uvs, uint8_t gain, uint8_t bits, double wfac);

}  // namespace ltr390

class Ltr390 : public PolledSensor {
 public:
  // One channel: UV index. `gain` 1, 3, 6, 9 or 18; `bits` 13, 16..20.
  Ltr390(I2cBus& bus, uint8_t address, uint32_t intervalMs, uint8_t gain, uint8_t bits);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  I2cBus& bus_;
  uint8_t address_;
  uint8_t gain_;
  uint8_t bits_;
  uint8_t polls_;
  char name_[16];
};

}  // namespace harbor
