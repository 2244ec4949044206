// ams CCS811 eCO2 and TVOC over I2C (0x5A / 0x5B): HW_ID checked, the
// application started from its boot loader (APP_START), drive mode 1 (a
// result every second); each slot reads ALG_RESULT_DATA's first 6 bytes at
// once (eCO2, TVOC, STATUS, ERROR_ID). nWAKE must be low for the part to
// answer: tied to GND, not driven by a pin here. No humidity and temperature
// compensation (ENV_DATA keeps its default).
// CCS811 datasheet (ams, DS000459), the register map and the STATUS,
// MEAS_MODE, ALG_RESULT_DATA, HW_ID and APP_START descriptions.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace ccs811 {

const uint8_t kRegStatus = 0x00;
const uint8_t kRegMeasMode = 0x01;
const uint8_t kRegAlgResultData = 0x02;  // eCO2 (2, MSB first), TVOC (2), STATUS, ERROR_ID, RAW_DATA (2)
const uint8_t kRegHwId = 0x20;
const uint8_t kHwId = 0x81;
const uint8_t kAppStart = 0xF4;          // a write of the address alone
const uint8_t kStatusError = 0x01;
const uint8_t kStatusDataReady = 0x08;
const uint8_t kStatusAppValid = 0x10;
const uint8_t kStatusFwMode = 0x80;      // 1: application mode
const uint8_t kDriveMode1 = 0x10;        // MEAS_MODE: a result every second, no interrupt
const uint32_t kPeriodMs = 1000;
const uint32_t kAppStartMs = 2;

struct Result {
  uint16_t eco2;  // ppm
  uint16_t tvoc;  // ppb
  uint8_t status;
  uint8_t error;
};

// ALG_RESULT_DATA's first 6 bytes.
Result parse(const uint8_t data[6]);

}  // namespace ccs811

class Ccs811 : public PolledSensor {
 public:
  // Channels: eco2 (ppm), tvoc (ppb).
  Ccs811(I2cBus& bus, uint8_t address, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  I2cBus& bus_;
  uint8_t address_;
  bool appStarted_;  // setup: APP_START sent, the mode is set next
  uint64_t startedMs_;
  char name_[16];
};

}  // namespace harbor
