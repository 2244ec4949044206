// Host model of an HDC1080: ids, configuration, a measurement triggered by
// writing the pointer 0x00 that takes the typical conversion time (a read
// before it ends is NACKed), then temperature and humidity at 14 bits from
// the waves through the inverse of the datasheet formulas.
#pragma once

#include "harbor/sensors/hdc1080.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Hdc1080Model : public I2cModel {
 public:
  // Waves in degC and %RH.
  Hdc1080Model(const Wave& temperature, const Wave& humidity, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

  uint16_t configuration() const { return config_; }

 private:
  Wave temperature_;
  Wave humidity_;
  uint16_t config_;
  uint8_t result_[4];
  bool measured_;      // a measurement waits to be read
  uint64_t readyAtMs_;
};

}  // namespace host
}  // namespace harbor
