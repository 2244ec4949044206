// Analog Devices ADXL345 3-axis accelerometer on I2C, in full-resolution
// mode (a count is 1/256 g whatever the range): measurement started once,
// then each slot reads DATAX0..DATAZ1 in one burst. ADXL345 datasheet Rev. E:
// Table 1 (sensitivity 256 LSB/g, scale factor 3.9 mg/LSB), register map
// (Table 19) and the DEVID, BW_RATE, POWER_CTL and DATA_FORMAT descriptions.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace adxl345 {

const uint8_t kRegDevId = 0x00;
const uint8_t kDevId = 0xE5;
const uint8_t kRegBwRate = 0x2C;
const uint8_t kRegPowerCtl = 0x2D;
const uint8_t kMeasure = 0x08;   // POWER_CTL D3
const uint8_t kRegDataFormat = 0x31;
const uint8_t kFullRes = 0x08;   // DATA_FORMAT D3
const uint8_t kRegData = 0x32;   // DATAX0 .. DATAZ1, 6 bytes, low byte first
const double kLsbPerG = 256.0;   // full resolution, every range (Table 1)

// DATA_FORMAT range bits D1:D0 of 2, 4, 8 or 16 g: 0 ... 3.
uint8_t rangeCode(uint8_t g);
// A full-resolution count in m/s2.
double toMs2(int16_t count);

}  // namespace adxl345

class Adxl345 : public PolledSensor {
 public:
  // Channels: x, y, z (m/s2). `rangeG` 2, 4, 8 or 16.
  Adxl345(I2cBus& bus, uint8_t address, uint8_t rangeG, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  I2cBus& bus_;
  uint8_t address_;
  uint8_t range_;
  uint64_t readyAtMs_;
  char name_[16];
};

}  // namespace harbor
