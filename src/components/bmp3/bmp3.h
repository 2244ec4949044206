// Bosch BMP388 and BMP390 temperature and pressure over I2C, in forced mode:
// each slot writes PWR_CTRL to start one conversion (pressure x8, temperature
// x1: the datasheet's "high resolution" setting) and collects it after the
// measurement time. Compensation is the datasheet's floating-point code
// (BMP388 datasheet BST-BMP388-DS001, section 9; the BMP390's is the same).
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace bmp3 {

// The datasheet's register map.
const uint8_t kRegChipId = 0x00;
const uint8_t kRegStatus = 0x03;       // then DATA_0..5 (pressure, temperature: xlsb, lsb, msb)
const uint8_t kRegPwrCtrl = 0x1B;
const uint8_t kRegOsr = 0x1C;
const uint8_t kRegConfig = 0x1F;
const uint8_t kRegCalibration = 0x31;  // 21 bytes, NVM_PAR_T1 .. NVM_PAR_P11
const uint8_t kChipIdBmp388 = 0x50;
const uint8_t kChipIdBmp390 = 0x60;
const uint8_t kStatusDrdyPress = 0x20;
const uint8_t kStatusDrdyTemp = 0x40;
const uint8_t kForced = 0x13;          // press_en, temp_en, mode 01 (forced)
const uint8_t kOsrPressure = 3;        // x8
const uint8_t kOsrTemperature = 0;     // x1

// Section 9.1: the trimming coefficients as floating-point numbers.
struct Calibration {
  double t1, t2, t3;
  double p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11;
};

// From the 21 bytes at 0x31 (little-endian; T1, T2, P5, P6 unsigned).
Calibration parseCalibration(const uint8_t nvm[21]);
// Section 9.2: degC; *tLin for the pressure.
double compensateTemperature(const Calibration& c, uint32_t uncompTemp, double* tLin);
// Section 9.3: Pa.
double compensatePressure(const Calibration& c, uint32_t uncompPress, double tLin);
// Section 3.9: the measurement time in microseconds for oversampling codes (0 = x1 ... 5 = x32).
uint32_t measurementTimeUs(uint8_t osrPressure, uint8_t osrTemperature);

}  // namespace bmp3

class Bmp3 : public PolledSensor {
 public:
  enum class Variant : uint8_t { Bmp388, Bmp390 };
  // Channels: temperature (degC), pressure (hPa).
  Bmp3(I2cBus& bus, uint8_t address, Variant variant, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  I2cBus& bus_;
  uint8_t address_;
  Variant variant_;
  uint8_t polls_;  // status reads before both results were ready
  bmp3::Calibration calibration_;
  char name_[16];
};

}  // namespace harbor
