// TSL2561: the datasheet's lux formulas, then the driver against the host
// model through faults.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/tsl2561.h"
#include "sensor_faults.h"
#include "tsl2561_model.h"

using harbor::I2cBus;
using harbor::Tsl2561;
using harbor::host::Faults;
using harbor::host::Tsl2561Model;
using harbor::host::Wave;
using harbor::tsl2561::Package;

namespace {

const Wave kLux = {300.0, 200.0, 900000, 0};
const double kResolution = 0.6;  // one CH0 count at 1x and 402 ms, CH1/CH0 = 0.3

bool near(double a, double b) { return fabs(a - b) < 0.005; }

}  // namespace

TEST_CASE("tsl2561: the datasheet's lux formulas for each CH1/CH0 range, both packages, and the scaling") {
  // TSL2560/TSL2561 datasheet (TAOS059), "Calculating Lux", at 16x and 402 ms, worked by hand:
  // T, FN and CL package.
  CHECK(near(harbor::tsl2561::lux(Package::T, 1000, 0, true, 2), 30.4));     // 0.0304 x CH0
  CHECK(near(harbor::tsl2561::lux(Package::T, 1000, 500, true, 2), 6.906));  // 30.4 - 62 x 0.5^1.4
  CHECK(near(harbor::tsl2561::lux(Package::T, 1000, 550, true, 2), 5.35));   // 22.4 - 0.031 x 550
  CHECK(near(harbor::tsl2561::lux(Package::T, 1000, 700, true, 2), 2.09));   // 12.8 - 0.0153 x 700
  CHECK(near(harbor::tsl2561::lux(Package::T, 1000, 1000, true, 2), 0.34));  // 1.46 - 1.12
  CHECK(near(harbor::tsl2561::lux(Package::T, 1000, 1400, true, 2), 0));     // CH1/CH0 > 1.30
  // CS package.
  CHECK(near(harbor::tsl2561::lux(Package::Cs, 1000, 0, true, 2), 31.5));
  CHECK(near(harbor::tsl2561::lux(Package::Cs, 1000, 600, true, 2), 5.44));  // 22.9 - 0.0291 x 600
  CHECK(near(harbor::tsl2561::lux(Package::Cs, 1000, 700, true, 2), 3.1));   // 15.7 - 0.018 x 700
  CHECK(near(harbor::tsl2561::lux(Package::Cs, 1000, 1000, true, 2), 0.78)); // 3.38 - 2.60
  // Other settings scale the counts first: 101 ms by 322/81, 1x gain by 16.
  CHECK(near(harbor::tsl2561::lux(Package::T, 100, 0, false, 1), 193.36));
  CHECK(near(harbor::tsl2561::lux(Package::T, 100, 0, true, 0), 0.0304 * 100 * 322 / 11));
  // Saturation counts of each integration time.
  CHECK_EQ(harbor::tsl2561::maxCount(0), 5047u);
  CHECK_EQ(harbor::tsl2561::maxCount(1), 37177u);
}

TEST_CASE("tsl2561: reads the model's light in either package, at each gain and integration time") {
  for (int cs = 0; cs < 2; ++cs) {
    for (int gain16 = 0; gain16 < 2; ++gain16) {
      for (uint8_t integ = 0; integ < 3; ++integ) {
        fake::reset();
        harbor::host::detachAllModels();
        Tsl2561Model model(cs == 1, kLux, Faults());
        harbor::host::attachI2c(0, 0x39, &model);
        I2cBus bus(0, 21, 22, 400000);
        Tsl2561 sensor(bus, 0x39, 10000, gain16 == 1, integ);
        fake::Capture out;
        // 16x at 402 ms saturates above ~2 klx; 300 lx fits every setting.
        fake::runComponent(sensor, out, 600000);
        CHECK_EQ(out.readings.size(), 60u);
        CHECK(out.errors.empty());
        // One CH0 count is worth 0.6 lx at 1x / 402 ms, 0.6 x 29.3 at 1x / 13.7 ms.
        double tolerance = kResolution * (integ == 0 ? 322.0 / 11 : integ == 1 ? 322.0 / 81 : 1) / (gain16 ? 16 : 1);
        for (size_t i = 0; i < out.readings.size(); ++i) {
          const fake::Emitted& e = out.readings[i];
          CHECK_EQ(e.takenMs % 10000, 0u);
          CHECK(fabs(e.value - kLux.at(e.takenMs)) <= tolerance);
        }
      }
    }
  }
}

TEST_CASE("tsl2561: a saturated channel is refused, not sent") {
  fake::reset();
  harbor::host::detachAllModels();
  const Wave bright = {5000.0, 0, 0, 0};  // beyond 16x at 402 ms
  Tsl2561Model model(false, bright, Faults());
  harbor::host::attachI2c(0, 0x29, &model);
  I2cBus bus(0, 21, 22, 400000);
  Tsl2561 sensor(bus, 0x29, 10000, true, 2);
  fake::Capture out;
  fake::runComponent(sensor, out, 60000);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 6u);
}

TEST_CASE("tsl2561: unplugged, then NACKs now and then: lost slots counted, never a wrong value") {
  fake::reset();
  harbor::host::detachAllModels();
  Tsl2561Model model(false, kLux, Faults());
  harbor::host::attachI2c(0, 0x49, &model);
  I2cBus bus(0, 21, 22, 400000);
  Tsl2561 sensor(bus, 0x49, 10000, false, 2);
  const auto ok = [](const fake::Emitted& e) { return fabs(e.value - kLux.at(e.takenMs)) <= kResolution; };
  fake::checkUnplugged(sensor, model.faults, 10000, 1, ok);
  fake::reset();
  Tsl2561 again(bus, 0x49, 10000, false, 2);
  fake::checkNacks(again, model.faults, 10000, 1, ok);
}
