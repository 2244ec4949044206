// MPU-6050: the register map's sensitivities and temperature formula, then
// the driver against the host model through ranges and faults.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/mpu6050.h"
#include "mpu6050_model.h"
#include "sensor_faults.h"

using harbor::I2cBus;
using harbor::Mpu6050;
using harbor::host::Faults;
using harbor::host::Mpu6050Model;
using harbor::host::Wave;

namespace {

const Wave kWaves[7] = {{0.2, 0.5, 300000, 0},  {-0.3, 0.5, 400000, 0}, {9.81, 0.2, 500000, 0}, {0.0, 5.0, 600000, 0},
                        {1.0, 3.0, 800000, 0},  {-2.0, 4.0, 1000000, 0}, {25.0, 3.0, 900000, 0}};

// Within a count of the range in use (and 1/340 degC for the temperature): half
// a count of rounding, and what the waves move in the 30 ms a first reading
// after setup waits for the gyro.
struct OnWave {
  double accelStep, gyroStep;
  bool operator()(const fake::Emitted& e) const {
    const double step = e.channel < 3 ? accelStep : e.channel < 6 ? gyroStep : 1 / 340.0;
    return e.channel < 7 && fabs(e.value - kWaves[e.channel].at(e.takenMs)) <= step + 1e-9;
  }
};

struct Rig {
  Rig(uint16_t accelG, uint16_t gyroDps, const Wave& az = kWaves[2])
      : model(kWaves[0], kWaves[1], az, kWaves[3], kWaves[4], kWaves[5], kWaves[6], Faults()),
        bus(0, 21, 22, 400000),
        sensor(bus, 0x68, accelG, gyroDps, 10000),
        onWave({9.80665 / harbor::mpu6050::accelLsbPerG(harbor::mpu6050::rangeCode(accelG, 2)),
                1 / harbor::mpu6050::gyroLsbPerDps(harbor::mpu6050::rangeCode(gyroDps, 250))}) {
    fake::reset();
    harbor::host::detachAllModels();
    harbor::host::attachI2c(0, 0x68, &model);
  }
  Mpu6050Model model;
  I2cBus bus;
  Mpu6050 sensor;
  OnWave onWave;
  fake::Capture out;
};

}  // namespace

TEST_CASE("mpu6050: sensitivities of register map sections 4.17 and 4.19, temperature of 4.18") {
  // AFS_SEL 0-3: 16384, 8192, 4096, 2048 LSB/g.
  CHECK_EQ(harbor::mpu6050::accelLsbPerG(0), 16384.0);
  CHECK_EQ(harbor::mpu6050::accelLsbPerG(1), 8192.0);
  CHECK_EQ(harbor::mpu6050::accelLsbPerG(2), 4096.0);
  CHECK_EQ(harbor::mpu6050::accelLsbPerG(3), 2048.0);
  // FS_SEL 0-3: 131, 65.5, 32.8, 16.4 LSB/(deg/s).
  CHECK_EQ(harbor::mpu6050::gyroLsbPerDps(0), 131.0);
  CHECK_EQ(harbor::mpu6050::gyroLsbPerDps(1), 65.5);
  CHECK_EQ(harbor::mpu6050::gyroLsbPerDps(2), 32.8);
  CHECK_EQ(harbor::mpu6050::gyroLsbPerDps(3), 16.4);
  // TEMP_OUT / 340 + 36.53: 0 is 36.53 degC, -3910 is 25.03 degC (-11.5 + 36.53).
  CHECK(fabs(harbor::mpu6050::temperature(0) - 36.53) < 1e-9);
  CHECK(fabs(harbor::mpu6050::temperature(-3910) - 25.03) < 1e-9);
  CHECK(fabs(harbor::mpu6050::temperature(340) - 37.53) < 1e-9);
  // The register codes of the ranges.
  CHECK_EQ(harbor::mpu6050::rangeCode(2, 2), 0);
  CHECK_EQ(harbor::mpu6050::rangeCode(16, 2), 3);
  CHECK_EQ(harbor::mpu6050::rangeCode(500, 250), 1);
  CHECK_EQ(harbor::mpu6050::rangeCode(2000, 250), 3);
}

TEST_CASE("mpu6050: reads the model's motion and temperature at every range pair") {
  const uint16_t accel[4] = {2, 4, 8, 16};
  const uint16_t gyro[4] = {250, 500, 1000, 2000};
  for (int a = 0; a < 4; ++a) {
    for (int g = 0; g < 4; ++g) {
      CHECK_CONTEXT(std::to_string(accel[a]) + " g, " + std::to_string(gyro[g]) + " deg/s");
      Rig rig(accel[a], gyro[g]);
      fake::runComponent(rig.sensor, rig.out, 600000);
      CHECK_EQ(rig.out.readings.size(), 60u * 7);
      CHECK(rig.out.errors.empty());
      for (size_t i = 0; i < rig.out.readings.size(); ++i) CHECK(rig.onWave(rig.out.readings[i]));
    }
  }
}

TEST_CASE("mpu6050: the first reading waits out the gyro's 30 ms start-up, stamped at its slot") {
  Rig rig(2, 250);
  fake::runComponent(rig.sensor, rig.out, 10000);
  CHECK_EQ(rig.out.readings.size(), 7u);
  if (!rig.out.readings.empty()) CHECK_EQ(rig.out.readings[0].takenMs, 0u);
}

TEST_CASE("mpu6050: beyond the range the clipped reading is refused") {
  // 2 g of range, 2.5 g of acceleration on z.
  Rig rig(2, 250, {24.5, 0.0, 0, 0});
  fake::runComponent(rig.sensor, rig.out, 60000);
  CHECK(rig.out.readings.empty());
  CHECK_EQ(rig.out.errors.size(), 6u);
  Rig wider(4, 250, {24.5, 0.0, 0, 0});
  fake::runComponent(wider.sensor, wider.out, 60000);
  CHECK_EQ(wider.out.readings.size(), 42u);
}

TEST_CASE("mpu6050: NACKs cost single readings; unplugged, it comes back asleep and is woken again") {
  {
    Rig rig(4, 500);
    fake::checkNacks(rig.sensor, rig.model.faults, 10000, 7, rig.onWave);
  }
  Rig rig(4, 500);
  fake::checkUnplugged(rig.sensor, rig.model.faults, 10000, 7, rig.onWave);
}

TEST_CASE("mpu6050: another chip at the address is not taken for it") {
  fake::reset();
  harbor::host::detachAllModels();
  struct Other : harbor::host::I2cModel {
    harbor::platform::BusResult transfer(const uint8_t*, size_t, uint8_t* rx, size_t n, uint64_t) override {
      for (size_t i = 0; i < n; ++i) rx[i] = 0x98;  // e.g. an MPU-9250's WHO_AM_I... not 0x68
      return harbor::platform::BusResult::Ok;
    }
  } other;
  harbor::host::attachI2c(0, 0x68, &other);
  I2cBus bus(0, 21, 22, 400000);
  Mpu6050 sensor(bus, 0x68, 2, 250, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 60000);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 6u);
}

TEST_CASE("mpu6050: a brown-out that leaves it asleep (all zeros) is not sent; it is woken again") {
  Rig rig(2, 250);
  rig.sensor.begin(0);
  uint64_t next = 0;
  bool resetDone = false;
  while (next < 600000) {
    fake::state().nowMs = next;
    if (!resetDone && next >= 300000) {
      // DEVICE_RESET: the registers go back to their reset values, asleep, outputs zero.
      rig.bus.writeRegister(0x68, harbor::mpu6050::kRegPwrMgmt1, 0x80);
      resetDone = true;
    }
    next = rig.sensor.run(fake::state().nowMs, rig.out);
  }
  // The slots after the reset fail until the third failure sets it up again.
  CHECK_EQ(rig.out.errors.size(), 3u);
  CHECK_EQ(rig.out.readings.size() / 7 + rig.out.errors.size(), 60u);
  for (size_t i = 0; i < rig.out.readings.size(); ++i) CHECK(rig.onWave(rig.out.readings[i]));
}

// The model takes its registers from mpu6050.h: a wrong address there would be
// copied by it, so each one the driver uses is pinned to the register map's.
TEST_CASE("mpu6050: the driver's registers are the register map's (RM-MPU-6000A-00 rev 4.2 section 3)") {
  namespace m = harbor::mpu6050;
  CHECK_EQ(m::kRegConfig, 0x1A);       // CONFIG (26)
  CHECK_EQ(m::kRegGyroConfig, 0x1B);   // GYRO_CONFIG (27)
  CHECK_EQ(m::kRegAccelConfig, 0x1C);  // ACCEL_CONFIG (28)
  CHECK_EQ(m::kRegData, 0x3B);         // ACCEL_XOUT_H (59) .. GYRO_ZOUT_L (72)
  CHECK_EQ(m::kRegPwrMgmt1, 0x6B);     // PWR_MGMT_1 (107)
  CHECK_EQ(m::kRegWhoAmI, 0x75);       // WHO_AM_I (117)
  CHECK_EQ(m::kWhoAmI, 0x68);          // section 4.32: its default value
  CHECK_EQ(m::kSleep, 0x40);           // section 4.28: SLEEP is bit 6, the reset value 0x40
  CHECK_EQ(m::kClockPllX, 0x01);       // section 4.28: CLKSEL 1, PLL with X axis gyroscope reference
}
