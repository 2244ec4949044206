// HX711: the datasheet's output codes at the ends of the range are refused,
// the weight is (raw - tare) / scale, then the driver against the host model.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/hx711.h"
#include "hx711_model.h"

using harbor::Hx711;
using harbor::ReadError;
using harbor::host::Faults;
using harbor::host::Hx711Model;
using harbor::host::Wave;

TEST_CASE("hx711: calibration by a known weight: tare 8400, 1000 g reads 428400 -> 420 counts a gram; 218400 is 500 g") {
  const double scale = (428400 - 8400) / 1000.0;
  CHECK_EQ(scale, 420.0);
  CHECK_EQ(harbor::hx711::weight(218400, 8400, scale), 500.0);
  CHECK_EQ(harbor::hx711::weight(8400, 8400, scale), 0.0);
  CHECK_EQ(harbor::hx711::weight(-411600, 8400, scale), -1000.0);  // a load the other way reads negative
  // Datasheet Table 3: 0x7FFFFF and 0x800000 are where the output saturates.
  CHECK_EQ(harbor::hx711::kMaxCode, 8388607);
  CHECK_EQ(harbor::hx711::kMinCode, -8388608);
}

TEST_CASE("hx711: reads the model's weight to 1/scale, on its slots; past full scale is refused") {
  fake::reset();
  harbor::host::detachAllModels();
  const Wave grams = {2500, 2000, 600000, 0};
  Hx711Model model(8400, 420, 128, grams, Faults());
  harbor::host::attachPin(16, &model);
  harbor::host::labelModel(&model, 0);
  Hx711 scale(16, 4, 8400, 420, 128, 10000);
  fake::Capture out;
  fake::runComponent(scale, out, 3600000);
  CHECK_EQ(out.readings.size(), 360u);
  CHECK(out.errors.empty());
  for (size_t i = 0; i < out.readings.size(); ++i) {
    CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
    CHECK(fabs(out.readings[i].value - grams.at(out.readings[i].takenMs)) <= 0.5 / 420 + 1e-9);
  }
  CHECK_EQ(harbor::host::longestStepUs(0), 51L);  // a DOUT read and 25 clock pulses
  // 25 kg on a cell scaled to 420 counts a gram is past 0x7FFFFF.
  fake::reset();
  harbor::host::detachAllModels();
  const Wave heavy = {25000, 0, 0, 0};
  Hx711Model overloaded(8400, 420, 128, heavy, Faults());
  harbor::host::attachPin(16, &overloaded);
  Hx711 again(16, 4, 8400, 420, 128, 10000);
  fake::Capture none;
  fake::runComponent(again, none, 60000);
  CHECK(none.readings.empty());
  CHECK_EQ(none.errors.size(), 6u);
  for (size_t i = 0; i < none.errors.size(); ++i) CHECK(none.errors[i] == ReadError::OutOfRange);
}

TEST_CASE("hx711: datasheet Table 3, input and gain selection: 25 pulses channel A 128, 26 channel B 32, 27 channel A 64") {
  CHECK_EQ(harbor::hx711::pulsesForGain(128), 25u);
  CHECK_EQ(harbor::hx711::pulsesForGain(32), 26u);
  CHECK_EQ(harbor::hx711::pulsesForGain(64), 27u);
  CHECK_EQ(harbor::hx711::pulsesForGain(100), 0u);
}

TEST_CASE("hx711: at gain 64, unplugged for 10 minutes: timeouts counted once a slot; the power-on conversion at 128 is never sent") {
  fake::reset();
  harbor::host::detachAllModels();
  Faults faults;
  harbor::host::Window gone = {600000, 1200000};
  faults.unplugged.push_back(gone);
  const Wave grams = {100, 50, 600000, 0};
  Hx711Model model(0, 100, 64, grams, faults);
  harbor::host::attachPin(16, &model);
  Hx711 scale(16, 4, 0, 100, 64, 10000);
  fake::Capture out;
  fake::runComponent(scale, out, 1800000);
  CHECK(out.errors.size() >= 60u && out.errors.size() <= 66u);
  CHECK_EQ(out.readings.size() + out.errors.size(), 180u);
  CHECK(out.errors[0] == ReadError::Timeout);
  for (size_t i = 0; i < out.readings.size(); ++i) {
    CHECK(!gone.contains(out.readings[i].takenMs));
    // After a set-up the first conversion (at 128) is dropped: that slot's value is the next one's, up to ~110 ms later.
    double nearest = 1e9;
    for (uint64_t late = 0; late <= 120; ++late) nearest = fmin(nearest, fabs(out.readings[i].value - grams.at(out.readings[i].takenMs + late)));
    CHECK(nearest <= 0.005 + 1e-9);
  }
}
