// Host model of an AHT10 / AHT20: the trigger and initialization commands, a
// status byte whose busy bit is set for the typical measurement time, 20-bit
// raw values from the waves through the inverse of the datasheet formulas,
// and the AHT20's CRC-8 after them.
#pragma once

#include "harbor/sensors/aht.h"
#include "host_models.h"

namespace harbor {
namespace host {

class AhtModel : public I2cModel {
 public:
  // Waves in degC and %RH.
  AhtModel(bool aht10, const Wave& temperature, const Wave& humidity, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

  // Powers up calibrated, as parts leave the factory; a test clears it to see the driver initialize it.
  bool calibrated;
  // How long a conversion keeps the busy bit set: a little under the datasheet's 80 ms (AHT20) / 75 ms (AHT10).
  uint64_t busyMs;

 private:
  bool aht10_;
  Wave temperature_;
  Wave humidity_;
  uint8_t data_[7];     // status, humidity and temperature, CRC: what a read returns
  uint8_t pending_[5];  // the conversion in progress, readable once it ends
  uint64_t readyAtMs_;
};

}  // namespace host
}  // namespace harbor
