// Bosch BME680 and BME688 temperature, humidity, pressure and gas resistance
// over I2C, in forced mode with one heater step: each slot writes the heater
// resistance for the target temperature (from the last measured ambient) and
// ctrl_meas, and collects temperature, pressure, humidity and then the gas
// resistance once the heater has run its duration. Compensation is the
// datasheet's integer code (BME680 datasheet BST-BME680-DS001, section 5:
// temperature, pressure, humidity, heater resistance, gas resistance; the
// BME688's gas resistance per its own datasheet BST-BME688-DS000).
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace bme680 {

const uint8_t kRegStatus = 0x1D;        // meas_status_0, then 16 bytes of field 0
const uint8_t kFieldLength = 17;        // 0x1D..0x2D
const uint8_t kRegResHeat0 = 0x5A;
const uint8_t kRegGasWait0 = 0x64;
const uint8_t kRegCtrlGas1 = 0x71;
const uint8_t kRegCtrlHum = 0x72;
const uint8_t kRegCtrlMeas = 0x74;
const uint8_t kRegConfig = 0x75;
const uint8_t kRegCoeff1 = 0x8A;        // 23 bytes
const uint8_t kRegChipId = 0xD0;
const uint8_t kRegCoeff2 = 0xE1;        // 14 bytes
const uint8_t kRegVariantId = 0xF0;
const uint8_t kRegCoeff3 = 0x00;        // 5 bytes: res_heat_val, -, res_heat_range, -, range_sw_err
const uint8_t kChipId = 0x61;
const uint8_t kVariantBme688 = 0x01;    // "gas high"; the BME680 reads 0x00
const uint8_t kNewData = 0x80;
const uint8_t kGasValid = 0x20;
const uint8_t kHeatStable = 0x10;
const uint8_t kRunGasBme680 = 0x10;
const uint8_t kRunGasBme688 = 0x20;
// Oversampling codes: temperature x2, pressure x16, humidity x1 (Bosch's forced-mode example).
const uint8_t kOsrsT = 2;
const uint8_t kOsrsP = 5;
const uint8_t kOsrsH = 1;

struct Calibration {
  uint16_t t1;
  int16_t t2;
  int8_t t3;
  uint16_t p1;
  int16_t p2;
  int8_t p3;
  int16_t p4, p5;
  int8_t p6, p7;
  int16_t p8, p9;
  uint8_t p10;
  uint16_t h1, h2;
  int8_t h3, h4, h5;
  uint8_t h6;
  int8_t h7;
  int8_t g1;
  int16_t g2;
  int8_t g3;
  uint8_t resHeatRange;
  int8_t resHeatVal;
  int8_t rangeSwitchingError;
};

// From the registers at 0x8A (23 bytes), 0xE1 (14 bytes) and 0x00 (5 bytes).
Calibration parseCalibration(const uint8_t coeff1[23], const uint8_t coeff2[14], const uint8_t coeff3[5]);
// 0.01 degC; *tFine for the others.
int16_t compensateTemperature(const Calibration& c, uint32_t adc, int32_t* tFine);
// Pa.
uint32_t compensatePressure(const Calibration& c, uint32_t adc, int32_t tFine);
// 0.001 %RH, 0..100000.
uint32_t compensateHumidity(const Calibration& c, uint16_t adc, int32_t tFine);
// Ohm, from the 10-bit gas ADC and its range: the BME680's ("low") and the BME688's ("high") formula.
uint32_t gasResistanceBme680(const Calibration& c, uint16_t adc, uint8_t range);
uint32_t gasResistanceBme688(uint16_t adc, uint8_t range);
// res_heat_x for a target heater temperature (degC, at most 400) at an ambient one (degC).
uint8_t heaterResistance(const Calibration& c, uint16_t targetC, int32_t ambientC);
// gas_wait_x for a heater duration in ms: 6 bits of time, 2 of a factor 1, 4, 16, 64; 0xFF from 4032 ms.
uint8_t gasWaitCode(uint16_t ms);
uint32_t gasWaitMs(uint8_t code);
// Temperature, pressure and humidity conversion time in us for oversampling codes (1 = x1 ... 5 = x16).
uint32_t measurementUs(uint8_t osrsT, uint8_t osrsP, uint8_t osrsH);

}  // namespace bme680

class Bme680 : public PolledSensor {
 public:
  enum class Variant : uint8_t { Bme680, Bme688 };
  // Channels: temperature (degC), humidity (%RH), pressure (hPa), gas_resistance (ohm).
  Bme680(I2cBus& bus, uint8_t address, Variant variant, uint32_t intervalMs, uint16_t heaterC, uint16_t heaterMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  I2cBus& bus_;
  uint8_t address_;
  Variant variant_;
  uint16_t heaterC_;
  uint8_t gasWait_;   // the register code of the heater duration
  int32_t ambientC_;  // the last temperature read, for the heater resistance
  uint8_t polls_;
  bme680::Calibration calibration_;
  char name_[16];
};

}  // namespace harbor
