// TI ADS1115 16-bit ADC over I2C, single-ended on AIN0..AIN3, in single-shot
// mode: each slot converts the selected inputs one after another, one
// conversion a step (write the configuration with OS = 1, come back after the
// data rate's conversion time, read it), and emits them together.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace ads1115 {

// Register pointer and configuration fields (ADS1115 datasheet SBAS444, "Register Map").
const uint8_t kRegConversion = 0x00;
const uint8_t kRegConfig = 0x01;
const uint16_t kStart = 0x8000;       // OS: write 1 to start; reads 1 when idle
const uint16_t kSingleShot = 0x0100;  // MODE
const uint16_t kComparatorOff = 0x0003;  // COMP_QUE = 11

// PGA code (bits 11:9) of a full-scale range of 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256 V, in mV.
uint16_t pgaBits(uint16_t rangeMv);
// DR code (bits 7:5) of 8, 16, 32, 64, 128, 250, 475 or 860 samples per second.
uint16_t rateBits(uint16_t sps);
// MUX code (bits 14:12) of AINx against GND: 100 + x.
uint16_t singleEndedBits(uint8_t input);
// "Full-Scale Range and LSB Size": volts = code x FSR / 2^15.
double volts(int16_t code, uint16_t rangeMv);

}  // namespace ads1115

class Ads1115 : public PolledSensor {
 public:
  // Channels 0..3: AIN0..AIN3 in volts; `inputs` a mask of those to convert (bit x: AINx).
  Ads1115(I2cBus& bus, uint8_t address, uint32_t intervalMs, uint16_t rangeMv, uint16_t sps, uint8_t inputs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  // Starts the conversion of input `input_`.
  Result convert();
  uint8_t nextInput(uint8_t from) const;

  I2cBus& bus_;
  uint8_t address_;
  uint16_t rangeMv_;
  uint16_t config_;  // everything but OS and MUX
  uint32_t conversionMs_;
  uint8_t inputs_;
  uint8_t input_;  // converting now
  uint8_t polls_;
  int16_t codes_[4];
  char name_[16];
};

}  // namespace harbor
