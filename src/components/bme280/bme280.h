// Bosch BME280 (temperature, humidity, pressure) and BMP280 (temperature,
// pressure) over I2C, in forced mode: each slot writes ctrl_meas to start one
// conversion and collects it after the datasheet's maximum measurement time,
// so the loop never waits ~10 ms for it. Compensation is the datasheet's
// fixed-point code (BME280 datasheet BST-BME280-DS002, section 4.2.3).
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace bme280 {

const uint8_t kChipIdBme280 = 0x60;
const uint8_t kChipIdBmp280 = 0x58;
const uint8_t kRegCalibration1 = 0x88;  // 26 bytes: dig_T1 .. dig_P9, then 0xA1 dig_H1
const uint8_t kRegChipId = 0xD0;
const uint8_t kRegCalibration2 = 0xE1;  // 7 bytes: dig_H2 .. dig_H6
const uint8_t kRegCtrlHum = 0xF2;
const uint8_t kRegStatus = 0xF3;
const uint8_t kRegCtrlMeas = 0xF4;
const uint8_t kRegConfig = 0xF5;
const uint8_t kRegData = 0xF7;  // 8 bytes: press[3], temp[3], hum[2]
const uint8_t kStatusMeasuring = 0x08;
const int32_t kSkipped20 = 0x80000;  // the ADC value of a skipped temperature or pressure
const int32_t kSkipped16 = 0x8000;   // ... and humidity

struct Calibration {
  uint16_t t1;
  int16_t t2, t3;
  uint16_t p1;
  int16_t p2, p3, p4, p5, p6, p7, p8, p9;
  uint8_t h1;
  int16_t h2;
  uint8_t h3;
  int16_t h4, h5;
  int8_t h6;
};

// From the registers at 0x88 (26 bytes) and 0xE1 (7 bytes; ignored for a BMP280).
Calibration parseCalibration(const uint8_t low[26], const uint8_t high[7]);
// Datasheet 4.2.3: temperature in 0.01 degC; t_fine for the other two.
int32_t compensateTemperature(const Calibration& c, int32_t adcT, int32_t* tFine);
// Pressure in Pa as Q24.8 (the 64-bit version); 0 when it cannot be computed.
uint32_t compensatePressure(const Calibration& c, int32_t adcP, int32_t tFine);
// Humidity in %RH as Q22.10.
uint32_t compensateHumidity(const Calibration& c, int32_t adcH, int32_t tFine);
// Datasheet 9.1: the longest a forced measurement takes, in microseconds, for
// oversampling settings 1, 2, 4, 8, 16 (0 = skipped).
uint32_t measurementTimeUs(uint8_t osrsT, uint8_t osrsP, uint8_t osrsH);

}  // namespace bme280

class Bme280 : public PolledSensor {
 public:
  enum class Variant : uint8_t { Bme280, Bmp280 };
  // Channels: temperature (degC), humidity (%RH), pressure (hPa); a BMP280 has no
  // humidity, so its pressure is channel 1.
  // `oversampling` 1, 2, 4, 8 or 16, for all three.
  Bme280(I2cBus& bus, uint8_t address, Variant variant, uint32_t intervalMs, uint8_t oversampling);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  I2cBus& bus_;
  uint8_t address_;
  Variant variant_;
  uint8_t osrsCode_;   // the register code of the oversampling
  uint8_t polls_;      // status reads while still measuring
  bme280::Calibration calibration_;
  char name_[24];
};

}  // namespace harbor
