// Host model of an LTR-390UV-01 on I2C: MAIN_CTRL (UVS mode, enable),
// measurement rate and resolution, gain, PART_ID 0xB2, MAIN_STATUS (new data,
// cleared on read) and UVS_DATA; measurements repeat while enabled, each the
// UV index at its start times the datasheet's sensitivity.
#pragma once

#include "harbor/sensors/ltr390.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Ltr390Model : public I2cModel {
 public:
  Ltr390Model(const Wave& uvIndex, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  void advance(uint64_t nowMs);

  Wave uvi_;
  uint8_t regs_[32];
  uint8_t pointer_;
  uint64_t enabledAtMs_;
  uint64_t measuredUpToMs_;  // the end of the last measurement whose data is in the registers
};

}  // namespace host
}  // namespace harbor
