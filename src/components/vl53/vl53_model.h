// Host model of a VL53L0X or VL53L1X: the registers the minimal driver uses
// (model id, boot state, the VL53L0X's stop variable, the single-ranging start,
// the interrupt status, range status and range, the interrupt clear). A
// ranging completes a little inside the default timing budget with the wave's
// distance at its start; a distance the part cannot range is a range status
// other than valid.
#pragma once

#include <map>

#include "harbor/sensors/vl53.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Vl53Model : public I2cModel {
 public:
  // `l1x`: a VL53L1X (16-bit register addresses), else a VL53L0X. Wave in mm.
  Vl53Model(bool l1x, const Wave& distance, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  void write(uint16_t reg, uint8_t value, uint64_t nowMs);
  uint8_t read(uint16_t reg, uint64_t nowMs);

  bool l1x_;
  Wave distance_;
  std::map<uint16_t, uint8_t> regs_;
  uint16_t pointer_;
  bool ranging_;
  uint64_t readyAtMs_;
  uint16_t rangeMm_;
  uint8_t rangeStatus_;
};

}  // namespace host
}  // namespace harbor
