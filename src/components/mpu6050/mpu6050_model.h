// Host model of an MPU-6050 on I2C: the register map (WHO_AM_I, PWR_MGMT_1
// asleep from power-on, GYRO_CONFIG, ACCEL_CONFIG, the 14 output registers),
// burst reads and writes with auto-increment, outputs from the waves in the
// range's LSBs (register map sections 4.17-4.19), clipped at full scale, zero
// while asleep. A power cut (unplugged) brings it back asleep with reset values.
#pragma once

#include "harbor/sensors/mpu6050.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Mpu6050Model : public I2cModel {
 public:
  // Waves: accel x, y, z (m/s2), gyro x, y, z (deg/s), temperature (degC).
  Mpu6050Model(const Wave& ax, const Wave& ay, const Wave& az, const Wave& gx, const Wave& gy, const Wave& gz,
               const Wave& temperature, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  void reset();
  void sample(uint64_t nowMs);

  Wave waves_[7];
  uint8_t regs_[128];
  uint8_t pointer_;
  uint64_t lastMs_;
};

}  // namespace host
}  // namespace harbor
