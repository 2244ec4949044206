// Sensirion SPS30 particulate matter sensor over I2C (0x69): started in
// big-endian float output (start measurement with 0x0300), it measures every
// second; each slot reads the data-ready flag and the first four values of
// read measured values, the mass concentrations PM1.0, PM2.5, PM4.0 and PM10
// in ug/m3, each float over two CRC-checked words.
// Sensirion SPS30 datasheet: its I2C interface (100 kHz at most) and command
// set, with the float format's start measurement frame 00 10 03 00 AC.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/sensirion_sensor.h"

namespace harbor {
namespace sps30 {

const uint8_t kAddress = 0x69;
const uint16_t kStartMeasurement = 0x0010;  // argument 0x0300: big-endian floats
const uint16_t kFloatFormat = 0x0300;
const uint16_t kStopMeasurement = 0x0104;
const uint16_t kReadDataReady = 0x0202;     // 1 word: 1 = new values
const uint16_t kReadMeasuredValues = 0x0300;  // 10 floats; the first 4 are the mass concentrations
const uint8_t kMassWords = 8;
const uint32_t kCommandMs = 5;
const uint32_t kPeriodMs = 1000;
const float kMaxMass = 1000;                 // ug/m3, the mass concentration range

struct Mass {
  float pm1, pm2_5, pm4, pm10;
};

// The mass concentrations from the first eight words of read measured values.
Mass massFromWords(const uint16_t words[8]);

}  // namespace sps30

class Sps30 : public SensirionSensor {
 public:
  // Channels: pm1, pm2_5, pm4, pm10 (ug/m3).
  Sps30(I2cBus& bus, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  bool ready(uint16_t status) const override { return status == 1; }
  Result emit(const uint16_t* words, uint64_t takenMs, Emitter& out) override;
};

}  // namespace harbor
