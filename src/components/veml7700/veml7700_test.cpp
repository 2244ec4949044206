// VEML7700: the application note's resolution table and the datasheet's
// register codes, then the driver against the host model through faults.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/veml7700.h"
#include "sensor_faults.h"
#include "veml7700_model.h"

using harbor::I2cBus;
using harbor::Veml7700;
using harbor::host::Faults;
using harbor::host::Veml7700Model;
using harbor::host::Wave;

namespace {

const Wave kLux = {300.0, 200.0, 900000, 0};

bool near(double a, double b) { return fabs(a - b) < 1e-9; }

}  // namespace

TEST_CASE("veml7700: lux per count is the application note's resolution table") {
  // "Designing the VEML7700 Into an Application" (Vishay doc. 84323), table
  // "Resolution and maximum detection range": gain x2 / 800 ms 0.0042 lx/ct,
  // x1 / 100 ms 0.0672, x1/4 / 100 ms 0.2688, x1/8 / 25 ms 2.1504, x1/8 / 100 ms 0.5376.
  CHECK(near(harbor::veml7700::luxPerCount(16, 800), 0.0042));
  CHECK(near(harbor::veml7700::luxPerCount(8, 100), 0.0672));
  CHECK(near(harbor::veml7700::luxPerCount(2, 100), 0.2688));
  CHECK(near(harbor::veml7700::luxPerCount(1, 25), 2.1504));
  CHECK(near(harbor::veml7700::luxPerCount(1, 100), 0.5376));
  // Datasheet (doc. 84286), ALS_CONF_0: ALS_GAIN bits 12:11 (01 x2, 10 x1/8, 11 x1/4),
  // ALS_IT bits 9:6 (1100 25 ms, 0000 100 ms, 0011 800 ms).
  CHECK_EQ(harbor::veml7700::gainBits(16), 0x0800);
  CHECK_EQ(harbor::veml7700::gainBits(1), 0x1000);
  CHECK_EQ(harbor::veml7700::gainBits(2), 0x1800);
  CHECK_EQ(harbor::veml7700::gainBits(8), 0x0000);
  CHECK_EQ(harbor::veml7700::integrationBits(25), 0x0300);
  CHECK_EQ(harbor::veml7700::integrationBits(100), 0x0000);
  CHECK_EQ(harbor::veml7700::integrationBits(800), 0x00C0);
}

TEST_CASE("veml7700: reads the model's light at every gain and integration time, one fresh integration a slot") {
  const uint8_t gains[4] = {1, 2, 8, 16};
  const uint16_t times[3] = {25, 100, 800};
  for (size_t g = 0; g < 4; ++g) {
    for (size_t t = 0; t < 3; ++t) {
      fake::reset();
      harbor::host::detachAllModels();
      // Dim enough for gain x2 at 800 ms (at most 275 lx), and slow enough that the
      // 4 ms wake-up moves it less than 0.0042 lx; a stale count is 0.7 lx off.
      const Wave lux = {150.0, 100.0, 9000000, 0};
      Veml7700Model model(lux, Faults());
      harbor::host::attachI2c(0, 0x10, &model);
      I2cBus bus(0, 21, 22, 400000);
      Veml7700 sensor(bus, 0x10, 10000, gains[g], times[t]);
      fake::Capture out;
      fake::runComponent(sensor, out, 600000);
      CHECK_EQ(out.readings.size(), 60u);
      CHECK(out.errors.empty());
      const double resolution = harbor::veml7700::luxPerCount(gains[g], times[t]);
      for (size_t i = 0; i < out.readings.size(); ++i) {
        const fake::Emitted& e = out.readings[i];
        CHECK_EQ(e.takenMs % 10000, 0u);
        CHECK(fabs(e.value - lux.at(e.takenMs)) <= resolution);
      }
    }
  }
}

TEST_CASE("veml7700: too much light for the gain is refused, not sent as full scale") {
  fake::reset();
  harbor::host::detachAllModels();
  const Wave sun = {100000.0, 0.0, 0, 0};
  Veml7700Model model(sun, Faults());
  harbor::host::attachI2c(0, 0x10, &model);
  I2cBus bus(0, 21, 22, 400000);
  Veml7700 sensor(bus, 0x10, 10000, 16, 100);  // x2 at 100 ms: at most 2.2 klx
  fake::Capture out;
  fake::runComponent(sensor, out, 60000);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 6u);
}

TEST_CASE("veml7700: unplugged, then NACKs now and then: lost slots counted, never a wrong value") {
  fake::reset();
  harbor::host::detachAllModels();
  Veml7700Model model(kLux, Faults());
  harbor::host::attachI2c(0, 0x10, &model);
  I2cBus bus(0, 21, 22, 400000);
  Veml7700 sensor(bus, 0x10, 10000, 1, 100);
  const auto ok = [](const fake::Emitted& e) { return fabs(e.value - kLux.at(e.takenMs)) <= 0.5376; };
  fake::checkUnplugged(sensor, model.faults, 10000, 1, ok);
  fake::reset();
  Veml7700 again(bus, 0x10, 10000, 1, 100);
  fake::checkNacks(again, model.faults, 10000, 1, ok);
}
