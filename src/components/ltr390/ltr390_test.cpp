// LTR-390UV: the datasheet's UVI calculation and register codes, then the
// driver against the host model through faults.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/ltr390.h"
#include "ltr390_model.h"
#include "sensor_faults.h"

using harbor::I2cBus;
using harbor::Ltr390;
using harbor::host::Faults;
using harbor::host::Ltr390Model;
using harbor::host::Wave;

namespace {

const Wave kUvi = {3.0, 2.0, 900000, 0};

bool near(double a, double b) { return fabs(a - b) < 1e-6; }

}  // namespace

TEST_CASE("ltr390: UVI = UVS / sensitivity x WFAC, 2300 counts per UVI at gain 18 and 20 bits") {
  // LTR-390UV-01 datasheet, UVI calculation: sensitivity 2300 counts/UVI at 18x, 20-bit (400 ms),
  // in proportion to gain and integration time; worked by hand.
  CHECK(near(harbor::ltr390::uvIndex(2300, 18, 20, 1.0), 1.0));
  CHECK(near(harbor::ltr390::uvIndex(4600, 18, 20, 1.0), 2.0));
  CHECK(near(harbor::ltr390::uvIndex(575, 18, 18, 1.0), 1.0));   // 100 ms: a quarter of the counts
  CHECK(near(harbor::ltr390::uvIndex(1150, 9, 20, 1.0), 1.0));   // 9x: half
  CHECK(near(harbor::ltr390::uvIndex(2300, 18, 20, 1.5), 1.5));  // a window's factor
  // ALS_UVS_MEAS_RATE resolution codes (000 20-bit 400 ms ... 100 16-bit 25 ms, 101 13-bit 12.5 ms)
  // and ALS_UVS_GAIN codes (000 1x ... 100 18x).
  CHECK_EQ(harbor::ltr390::resolutionCode(20), 0u);
  CHECK_EQ(harbor::ltr390::resolutionCode(18), 2u);
  CHECK_EQ(harbor::ltr390::resolutionCode(13), 5u);
  CHECK_EQ(harbor::ltr390::conversionUs(20), 400000u);
  CHECK_EQ(harbor::ltr390::conversionUs(16), 25000u);
  CHECK_EQ(harbor::ltr390::conversionUs(13), 12500u);
  CHECK_EQ(harbor::ltr390::gainCode(1), 0u);
  CHECK_EQ(harbor::ltr390::gainCode(3), 1u);
  CHECK_EQ(harbor::ltr390::gainCode(18), 4u);
}

TEST_CASE("ltr390: reads the model's UV index at each gain and resolution, one fresh measurement a slot") {
  const uint8_t gains[3] = {1, 3, 18};
  const uint8_t bits[4] = {13, 16, 18, 20};
  for (size_t g = 0; g < 3; ++g) {
    for (size_t b = 0; b < 4; ++b) {
      fake::reset();
      harbor::host::detachAllModels();
      Ltr390Model model(kUvi, Faults());
      harbor::host::attachI2c(0, 0x53, &model);
      I2cBus bus(0, 21, 22, 400000);
      Ltr390 sensor(bus, 0x53, 10000, gains[g], bits[b]);
      fake::Capture out;
      fake::runComponent(sensor, out, 600000);
      CHECK_EQ(out.readings.size(), 60u);
      CHECK(out.errors.empty());
      const double perCount = harbor::ltr390::uvIndex(1, gains[g], bits[b], 1.0);
      for (size_t i = 0; i < out.readings.size(); ++i) {
        const fake::Emitted& e = out.readings[i];
        CHECK_EQ(e.takenMs % 10000, 0u);
        CHECK(fabs(e.value - kUvi.at(e.takenMs)) <= perCount);
      }
    }
  }
}

TEST_CASE("ltr390: counts past 16 bits read whole; a saturated count is refused") {
  fake::reset();
  harbor::host::detachAllModels();
  const Wave strong = {40.0, 0, 0, 0};  // 92000 counts at 18x and 20 bits
  Ltr390Model model(strong, Faults());
  harbor::host::attachI2c(0, 0x53, &model);
  I2cBus bus(0, 21, 22, 400000);
  Ltr390 sensor(bus, 0x53, 10000, 18, 20);
  fake::Capture out;
  fake::runComponent(sensor, out, 60000);
  CHECK_EQ(out.readings.size(), 6u);
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK(fabs(out.readings[i].value - 40.0) < 0.001);
  // At 13 bits, 40 UVI is 2875 counts of 8191; 200 UVI is past full scale.
  fake::reset();
  harbor::host::detachAllModels();
  const Wave blinding = {200.0, 0, 0, 0};
  Ltr390Model over(blinding, Faults());
  harbor::host::attachI2c(0, 0x53, &over);
  Ltr390 coarse(bus, 0x53, 10000, 18, 13);
  fake::Capture none;
  fake::runComponent(coarse, none, 60000);
  CHECK(none.readings.empty());
  CHECK_EQ(none.errors.size(), 6u);
}

TEST_CASE("ltr390: unplugged, then NACKs now and then: lost slots counted, never a wrong value") {
  fake::reset();
  harbor::host::detachAllModels();
  Ltr390Model model(kUvi, Faults());
  harbor::host::attachI2c(0, 0x53, &model);
  I2cBus bus(0, 21, 22, 400000);
  Ltr390 sensor(bus, 0x53, 10000, 18, 18);
  const auto ok = [](const fake::Emitted& e) { return fabs(e.value - kUvi.at(e.takenMs)) <= 0.002; };
  fake::checkUnplugged(sensor, model.faults, 10000, 1, ok);
  fake::reset();
  Ltr390 again(bus, 0x53, 10000, 18, 18);
  fake::checkNacks(again, model.faults, 10000, 1, ok);
}
