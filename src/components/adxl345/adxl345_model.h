// Host model of an ADXL345 on I2C: DEVID, BW_RATE, POWER_CTL (standby from
// power-on), DATA_FORMAT, the six data registers (low byte first) from the
// waves at 256 LSB/g in full resolution, clipped at the range's bits, zero in
// standby; reset values again after being unplugged.
#pragma once

#include "harbor/sensors/adxl345.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Adxl345Model : public I2cModel {
 public:
  // Waves in m/s2.
  Adxl345Model(const Wave& x, const Wave& y, const Wave& z, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;
  void reset();

 private:
  void sample(uint64_t nowMs);

  Wave waves_[3];
  uint8_t regs_[64];
  uint8_t pointer_;
  uint64_t lastMs_;
};

}  // namespace host
}  // namespace harbor
