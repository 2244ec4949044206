// Host model of a BH1750FVI on I2C: the datasheet's one-time H-resolution
// opcode and the measurement time register,
// a one-time measurement that ends 120 ms (typical) after its command and holds
// the light of its start, and a result that reads the previous one until then.
#pragma once

#include "harbor/sensors/bh1750.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Bh1750Model : public I2cModel {
 public:
  // `lux`: the illuminance at the sensor.
  Bh1750Model(const Wave& lux, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  Wave lux_;
  uint8_t mt_;
  uint16_t result_;   // what a read returns now
  uint16_t pending_;  // the measurement in progress
  uint64_t readyAtMs_;
  bool measuring_;
};

}  // namespace host
}  // namespace harbor
