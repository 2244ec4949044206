// InvenSense MPU-6050 accelerometer and gyroscope on I2C: woken from its
// power-on sleep with the gyro's PLL as clock, ranges set once, then each
// slot reads the 14 output registers (accel, temperature, gyro) in one burst.
// Register Map and Descriptions RM-MPU-6000A-00 rev 4.2: sections 4.4-4.6
// (config), 4.17 (accelerometer, LSB/g), 4.18 (temperature), 4.19 (gyro,
// LSB/(deg/s)), 4.28 (PWR_MGMT_1), 4.32 (WHO_AM_I).
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace mpu6050 {

const uint8_t kRegGyroConfig = 0x1B;
const uint8_t kRegAccelConfig = 0x1C;
const uint8_t kRegConfig = 0x1A;
const uint8_t kRegData = 0x3B;  // ACCEL_XOUT_H .. GYRO_ZOUT_L, 14 bytes
const uint8_t kRegPwrMgmt1 = 0x6B;
const uint8_t kRegWhoAmI = 0x75;
const uint8_t kWhoAmI = 0x68;  // bits 6:1 are 0x34 whatever AD0 is
const uint8_t kSleep = 0x40;   // PWR_MGMT_1 bit 6, set at power-on
const uint8_t kClockPllX = 0x01;
const double kStandardGravity = 9.80665;  // m/s2 per g

// Section 4.17: ACCEL_CONFIG AFS_SEL 0-3 for +-2, 4, 8, 16 g; LSB per g.
double accelLsbPerG(uint8_t afsSel);
// Section 4.19: GYRO_CONFIG FS_SEL 0-3 for +-250, 500, 1000, 2000 deg/s; LSB per deg/s.
double gyroLsbPerDps(uint8_t fsSel);
// Section 4.18: Temperature in degC = TEMP_OUT / 340 + 36.53.
double temperature(int16_t raw);
// The register code of a range: 2 g -> 0 ... 16 g -> 3; 250 deg/s -> 0 ... 2000 -> 3.
uint8_t rangeCode(uint16_t range, uint16_t smallest);

}  // namespace mpu6050

class Mpu6050 : public PolledSensor {
 public:
  // Channels: accel_x, accel_y, accel_z (m/s2), gyro_x, gyro_y, gyro_z (deg/s), temperature (degC).
  // `accelG` 2, 4, 8 or 16; `gyroDps` 250, 500, 1000 or 2000.
  Mpu6050(I2cBus& bus, uint8_t address, uint16_t accelG, uint16_t gyroDps, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  I2cBus& bus_;
  uint8_t address_;
  uint8_t afsSel_;
  uint8_t fsSel_;
  uint64_t settledAtMs_;  // the gyro's start-up time after waking
  char name_[16];
};

}  // namespace harbor
