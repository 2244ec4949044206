// Host model of a VEML7700 on I2C: the datasheet's 16-bit registers (ALS_CONF
// with gain, integration time and shutdown, power saving, ALS output), an
// integration that starts 4 ms after power-on and repeats every integration
// time, its count the light at its start divided by the application note's
// resolution; the output holds the previous count until an integration ends.
#pragma once

#include "harbor/sensors/veml7700.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Veml7700Model : public I2cModel {
 public:
  Veml7700Model(const Wave& lux, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  void advance(uint64_t nowMs);

  Wave lux_;
  uint16_t regs_[8];
  uint8_t pointer_;
  uint64_t onSinceMs_;  // when ALS_SD last went to 0
};

}  // namespace host
}  // namespace harbor
