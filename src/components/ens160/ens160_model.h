// Host model of an ENS160: the register map's PART_ID, OPMODE, DEVICE_STATUS
// and the three results; in standard mode a result every second from the
// waves, NEWDAT set until the data registers are read; the validity flag says
// warm-up for the first `warmUpMs` after power-on (the datasheet's 3 minutes).
#pragma once

#include "harbor/sensors/ens160.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Ens160Model : public I2cModel {
 public:
  // Waves: AQI-UBA (rounded to 1..5), TVOC in ppb, eCO2 in ppm.
  Ens160Model(uint32_t warmUpMs, const Wave& aqi, const Wave& tvoc, const Wave& eco2, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  void update(uint64_t nowMs);

  uint32_t warmUpMs_;
  Wave aqi_;
  Wave tvoc_;
  Wave eco2_;
  uint8_t regs_[256];
  uint8_t pointer_;
  bool standard_;
  uint64_t startedMs_;
  uint64_t fetched_;  // results read so far
};

}  // namespace host
}  // namespace harbor
