// Host model of an HTU21D / Si7021 in no-hold master mode: the measure
// commands start a conversion that takes the typical time, a read before it
// ends is NACKed, the word (status bits in its two LSBs) is followed by its
// CRC-8; the user register reads its default. Raw words come from the waves
// through the inverse of the datasheet formulas at the default resolutions.
#pragma once

#include "harbor/sensors/htu21d.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Htu21dModel : public I2cModel {
 public:
  // Waves in degC and %RH.
  Htu21dModel(bool si7021, const Wave& temperature, const Wave& humidity, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  bool si7021_;
  Wave temperature_;
  Wave humidity_;
  uint8_t out_[3];
  size_t outLength_;  // 0: nothing to read (NACK)
  uint64_t readyAtMs_;
};

}  // namespace host
}  // namespace harbor
