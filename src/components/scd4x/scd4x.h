// Sensirion SCD40 / SCD41 CO2, temperature and humidity over I2C (0x62), in
// periodic measurement mode: the sensor measures every 5 s by itself; each
// slot asks get_data_ready_status and reads the latest measurement with
// read_measurement, each command followed by its 1 ms execution time as a
// wait, never a delay. Every word carries Sensirion's CRC-8.
// Commands and conversions: SCD4x datasheet (Sensirion), section 3.6 and the
// tables of the commands named here.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/sensirion_sensor.h"

namespace harbor {
namespace scd4x {

const uint8_t kAddress = 0x62;
const uint16_t kStartPeriodicMeasurement = 0x21B1;
const uint16_t kReadMeasurement = 0xEC05;        // 1 ms; 3 words: CO2, T, RH
const uint16_t kStopPeriodicMeasurement = 0x3F86;  // 500 ms
const uint16_t kGetDataReadyStatus = 0xE4B8;     // 1 ms; 1 word
const uint32_t kCommandMs = 1;                   // execution time of the two read commands
const uint32_t kPeriodMs = 5000;                 // one measurement every 5 s in periodic mode

// get_data_ready_status: the data is ready unless the word's 11 least significant bits are all 0.
inline bool dataReady(uint16_t status) { return (status & 0x07FF) != 0; }
// read_measurement (section 3.6): T = -45 + 175 * word / (2^16 - 1) degC.
inline double temperature(uint16_t word) { return -45.0 + 175.0 * word / 65535.0; }
// RH = 100 * word / (2^16 - 1) %.
inline double humidity(uint16_t word) { return 100.0 * word / 65535.0; }

}  // namespace scd4x

class Scd4x : public SensirionSensor {
 public:
  // Channels: co2 (ppm), temperature (degC), humidity (%RH).
  Scd4x(I2cBus& bus, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  bool ready(uint16_t status) const override { return scd4x::dataReady(status); }
  Result emit(const uint16_t* words, uint64_t takenMs, Emitter& out) override;
};

}  // namespace harbor
