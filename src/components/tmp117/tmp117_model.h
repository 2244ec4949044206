// Host model of a TMP117: device id, configuration (modes, Data_Ready cleared
// when read) and result registers; a one-shot conversion of 8 averages takes
// 124 ms and holds the wave's value at its start to the 7.8125 m degC step.
#pragma once

#include "harbor/sensors/tmp117.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Tmp117Model : public I2cModel {
 public:
  Tmp117Model(const Wave& temperature, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

  // How long a one-shot takes; a test makes it slower than the datasheet to see the driver wait.
  uint64_t oneShotMs;

 private:
  Wave temperature_;
  uint8_t pointer_;
  uint16_t config_;
  uint16_t result_;
  uint16_t pending_;
  uint64_t readyAtMs_;
  bool converting_;
};

}  // namespace host
}  // namespace harbor
