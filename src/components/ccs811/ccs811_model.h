// Host model of a CCS811: boot loader until APP_START, then application
// mode; MEAS_MODE drive mode 1 makes a result every second (on its own tick) from the waves,
// DATA_READY set until ALG_RESULT_DATA is read; HW_ID 0x81, APP_VALID set.
#pragma once

#include "harbor/sensors/ccs811.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Ccs811Model : public I2cModel {
 public:
  // Waves in ppm (eCO2) and ppb (TVOC).
  Ccs811Model(const Wave& eco2, const Wave& tvoc, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  Wave eco2_;
  Wave tvoc_;
  bool application_;
  bool measuring_;
  uint8_t pointer_;
  uint64_t startedMs_;
  uint64_t fetchedMs_;  // the result read last
};

}  // namespace host
}  // namespace harbor
