// Host model of a TSL2591 on I2C: the command byte, ENABLE (PON, AEN), CONTROL
// (AGAIN, ATIME), ID 0x50, STATUS (AVALID) and the four data bytes;
// integrations run while enabled, one after another, each holding the light
// at its start, split between the diodes at a fixed ratio (C1/C0 = 0.3).
#pragma once

#include "harbor/sensors/tsl2591.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Tsl2591Model : public I2cModel {
 public:
  Tsl2591Model(const Wave& lux, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  void advance(uint64_t nowMs);

  Wave lux_;
  uint8_t regs_[32];
  uint8_t pointer_;
  uint64_t enabledAtMs_;
};

}  // namespace host
}  // namespace harbor
