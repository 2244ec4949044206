// TSL2591: the lux equation with ams's device factor worked by hand, then the
// driver against the host model through faults.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/tsl2591.h"
#include "sensor_faults.h"
#include "tsl2591_model.h"

using harbor::I2cBus;
using harbor::Tsl2591;
using harbor::host::Faults;
using harbor::host::Tsl2591Model;
using harbor::host::Wave;

namespace {

const Wave kLux = {300.0, 200.0, 900000, 0};
const double kResolution = 0.1;  // one C0 count at medium gain and 100 ms, C1/C0 = 0.3: 0.08 lx

bool near(double a, double b) { return fabs(a - b) < 0.001; }

}  // namespace

TEST_CASE("tsl2591: lux = (C0 - C1)(1 - C1/C0) / CPL, CPL = ATIME x AGAIN / 408, worked by hand") {
  // Medium gain (25x), 100 ms: CPL = 2500 / 408 = 6.12745; (800 x 0.8) / CPL.
  CHECK(near(harbor::tsl2591::lux(1000, 200, 1, 0), 104.448));
  // Low gain, 600 ms, no infrared: 1000 / (600 / 408).
  CHECK(near(harbor::tsl2591::lux(1000, 0, 0, 5), 680.0));
  // Maximum gain (9876x), 200 ms: 15000 x 0.5 / (200 x 9876 / 408).
  CHECK(near(harbor::tsl2591::lux(30000, 15000, 3, 1), 1.54922));
  CHECK(near(harbor::tsl2591::lux(500, 500, 2, 2), 0));
  CHECK(harbor::tsl2591::lux(100, 200, 0, 0) < 0);  // more infrared than full spectrum: not light
  CHECK_EQ(harbor::tsl2591::maxCount(0), 37888u);
  CHECK_EQ(harbor::tsl2591::maxCount(1), 65535u);
}

TEST_CASE("tsl2591: reads the model's light at each gain and integration time once AVALID is set") {
  // Maximum gain saturates well below 300 lx; it gets a dim light.
  for (uint8_t again = 0; again < 4; ++again) {
    for (uint8_t atime = 0; atime < 6; atime += 5) {
      fake::reset();
      harbor::host::detachAllModels();
      const Wave lux = again == 3 ? Wave{0.3, 0.2, 900000, 0} : again == 2 ? Wave{30, 20, 900000, 0} : kLux;
      Tsl2591Model model(lux, Faults());
      harbor::host::attachI2c(0, 0x29, &model);
      I2cBus bus(0, 21, 22, 400000);
      Tsl2591 sensor(bus, 0x29, 10000, again, atime);
      fake::Capture out;
      fake::runComponent(sensor, out, 600000);
      CHECK_EQ(out.readings.size(), 60u);
      CHECK(out.errors.empty());
      // Half a C0 count, and the drift of the light across the 10 % margin.
      const double perCount = harbor::tsl2591::lux(1000, 300, again, atime) / 1000;
      for (size_t i = 0; i < out.readings.size(); ++i) {
        const fake::Emitted& e = out.readings[i];
        CHECK_EQ(e.takenMs % 10000, 0u);
        CHECK(fabs(e.value - lux.at(e.takenMs)) <= perCount);
      }
    }
  }
}

TEST_CASE("tsl2591: a saturated channel is refused, not sent") {
  fake::reset();
  harbor::host::detachAllModels();
  const Wave sun = {50000.0, 0, 0, 0};
  Tsl2591Model model(sun, Faults());
  harbor::host::attachI2c(0, 0x29, &model);
  I2cBus bus(0, 21, 22, 400000);
  Tsl2591 sensor(bus, 0x29, 10000, 1, 0);  // medium gain: up to ~3 klx
  fake::Capture out;
  fake::runComponent(sensor, out, 60000);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 6u);
}

TEST_CASE("tsl2591: unplugged, then NACKs now and then: lost slots counted, never a wrong value") {
  fake::reset();
  harbor::host::detachAllModels();
  Tsl2591Model model(kLux, Faults());
  harbor::host::attachI2c(0, 0x29, &model);
  I2cBus bus(0, 21, 22, 400000);
  Tsl2591 sensor(bus, 0x29, 10000, 1, 0);
  const auto ok = [](const fake::Emitted& e) { return fabs(e.value - kLux.at(e.takenMs)) <= kResolution; };
  fake::checkUnplugged(sensor, model.faults, 10000, 1, ok);
  fake::reset();
  Tsl2591 again(bus, 0x29, 10000, 1, 0);
  fake::checkNacks(again, model.faults, 10000, 1, ok);
}
