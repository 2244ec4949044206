// Host model of a TSL2561 on I2C: the command byte (CMD, WORD), control,
// timing, ID and the two ADC channels; integrations run while powered, one
// after another from power-up, and each holds the light at its start, split
// between the broadband and infrared diodes at a fixed ratio (CH1/CH0 = 0.3).
#pragma once

#include "harbor/sensors/tsl2561.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Tsl2561Model : public I2cModel {
 public:
  // `cs`: the CS package (ID 0x1_) rather than T/FN/CL (ID 0x5_).
  Tsl2561Model(bool cs, const Wave& lux, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  void advance(uint64_t nowMs);

  bool cs_;
  Wave lux_;
  uint8_t regs_[16];
  uint8_t pointer_;
  bool word_;
  uint64_t poweredAtMs_;
};

}  // namespace host
}  // namespace harbor
