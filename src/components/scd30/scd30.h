// Sensirion SCD30 CO2, temperature and humidity over I2C (0x61), measuring
// continuously every 2 s: set up with trigger_continuous_measurement (no
// pressure compensation), then each slot get_data_ready_status and
// read_measurement, three big-endian floats over six CRC-checked words.
// Sensirion "Interface Description Sensirion SCD30 Sensor Module" (version
// 1.0, May 2020): section 1.1 (100 kHz at most, clock stretching, 3 ms
// between a command and the read of its answer) and the commands of 1.4.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/sensirion_sensor.h"

namespace harbor {
namespace scd30 {

const uint8_t kAddress = 0x61;
const uint16_t kTriggerContinuous = 0x0010;  // argument: ambient pressure in mbar, 0 = none
const uint16_t kStopContinuous = 0x0104;
const uint16_t kGetDataReady = 0x0202;       // 1 word: 1 = ready
const uint16_t kReadMeasurement = 0x0300;    // 6 words: CO2, T, RH as floats
const uint32_t kCommandMs = 3;
const uint32_t kPeriodMs = 2000;             // the default measurement interval

struct Measurement {
  float co2;          // ppm
  float temperature;  // degC
  float humidity;     // %RH
};

// read_measurement's six words (after their CRCs are checked), most significant first.
Measurement fromWords(const uint16_t words[6]);

}  // namespace scd30

class Scd30 : public SensirionSensor {
 public:
  // Channels: co2 (ppm), temperature (degC), humidity (%RH).
  Scd30(I2cBus& bus, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  bool ready(uint16_t status) const override { return status == 1; }
  Result emit(const uint16_t* words, uint64_t takenMs, Emitter& out) override;
};

}  // namespace harbor
