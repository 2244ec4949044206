// Host model of a BME280 / BMP280 on I2C: the register map of the datasheet
// (chip id, calibration NVM, ctrl_hum, ctrl_meas, status, data), forced-mode
// conversions that take the datasheet's measurement time, and raw ADC values
// found by inverting the compensation, so the driver reads back the
// waveform's temperature, humidity and pressure to the sensor's resolution.
#pragma once

#include "harbor/sensors/bme280.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Bme280Model : public I2cModel {
 public:
  // Waves in degC, %RH and hPa; `bmp280`: no humidity, chip id 0x58.
  Bme280Model(bool bmp280, const Wave& temperature, const Wave& humidity, const Wave& pressure,
              const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

  // The calibration this model's NVM holds: the BMP280 datasheet's worked example
  // (section 3.12) for temperature and pressure, typical humidity trimming.
  static const uint8_t kCalibrationLow[26];
  static const uint8_t kCalibrationHigh[7];

 private:
  void convert(uint64_t nowMs);

  bool bmp280_;
  Wave temperature_;
  Wave humidity_;
  Wave pressure_;
  uint8_t regs_[256];
  uint8_t pointer_;
  uint64_t readyAtMs_;
};

}  // namespace host
}  // namespace harbor
