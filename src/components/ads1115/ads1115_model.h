// Host model of an ADS1115 on I2C: the pointer, conversion and configuration
// registers, single-shot conversions on any MUX setting (single-ended or
// differential) that take 1 / DR and hold the inputs at their start, OS
// reading 0 while converting, codes of volts / (FSR / 2^15) held at 7FFFh/8000h.
#pragma once

#include "harbor/sensors/ads1115.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Ads1115Model : public I2cModel {
 public:
  // The four inputs in volts against GND.
  Ads1115Model(const Wave& ain0, const Wave& ain1, const Wave& ain2, const Wave& ain3, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  Wave inputs_[4];
  uint16_t config_;
  uint16_t conversion_;
  uint16_t pending_;
  uint8_t pointer_;
  uint64_t readyAtUs_;
  bool converting_;
};

}  // namespace host
}  // namespace harbor
