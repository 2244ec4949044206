// Digital input: the debounce, then the driver against a bouncing switch:
// one reading a change, none for the bounce, and the state on every slot.
#include "check.h"
#include "component_rig.h"
#include "digital_input_model.h"
#include "harbor/sensors/digital_input.h"

using harbor::Debouncer;
using harbor::DigitalInput;
using harbor::host::DigitalInputModel;
using harbor::host::Faults;
using harbor::host::Wave;
namespace platform = harbor::platform;

TEST_CASE("digital_input: a new level counts once steady for the debounce time; a bounce never does") {
  Debouncer d(50);
  d.reset(1, 0);
  CHECK(!d.sample(0, 10));   // closing...
  CHECK(!d.sample(1, 20));   // ... bounces open
  CHECK(!d.sample(0, 30));
  CHECK(!d.sample(0, 70));   // 40 ms steady
  CHECK(d.sample(0, 80));    // 50 ms steady: closed
  CHECK_EQ(d.level(), 0);
  CHECK(!d.sample(0, 90));
  CHECK(!d.sample(1, 100));  // a 10 ms spike is no change
  CHECK(!d.sample(0, 110));
  CHECK(!d.sample(0, 200));
  CHECK_EQ(d.level(), 0);
}

TEST_CASE("digital_input: a bouncing switch: one reading a change once it is steady, and the state on every slot") {
  for (int inverted = 0; inverted < 2; ++inverted) {
    fake::reset();
    harbor::host::detachAllModels();
    const Wave state = {0.5, 1.0, 120000, 1000};  // changes every minute, not on a slot
    DigitalInputModel model(30, state, Faults());
    harbor::host::attachPin(14, &model);
    harbor::host::labelModel(&model, 0);
    DigitalInput input(14, platform::Pull::Up, inverted != 0, 50, 10000);
    fake::Capture out;
    fake::runComponent(input, out, 3600000);
    CHECK(out.errors.empty());
    size_t slots = 0, changes = 0;
    int last = -1;
    for (size_t i = 0; i < out.readings.size(); ++i) {
      const fake::Emitted& e = out.readings[i];
      const int expected = model.steady(e.takenMs) != inverted;
      if (e.takenMs % 10000 == 0) {
        ++slots;
        // A slot within the debounce after a change may still show the old state.
        if (model.steady(e.takenMs) == model.steady(e.takenMs - 60)) CHECK_EQ(static_cast<int>(e.value), expected);
      } else {
        ++changes;
        CHECK(static_cast<int>(e.value) != last);  // a change reading is a change
        CHECK_EQ(static_cast<int>(e.value), expected);
        // Confirmed 50-100 ms after the crossing: 30 ms of bounce, then steady for the debounce, sampled every 10 ms.
        CHECK(model.steady(e.takenMs - 50) == model.steady(e.takenMs));
        CHECK(model.steady(e.takenMs - 100) != model.steady(e.takenMs));
      }
      last = static_cast<int>(e.value);
    }
    CHECK_EQ(slots, 360u);
    CHECK_EQ(changes, 60u);  // a change a minute, each once, none for the bounces
    CHECK(harbor::host::longestStepUs(0) <= 2L);  // a pin read a poll (two at boot)
  }
}

TEST_CASE("digital_input: a switch toggling every 200 ms sends at most one change a second, each the state it is in then") {
  fake::reset();
  harbor::host::detachAllModels();
  const Wave state = {0.5, 1.0, 400, 0};
  DigitalInputModel model(0, state, Faults());
  harbor::host::attachPin(14, &model);
  DigitalInput input(14, platform::Pull::Up, false, 50, 10000);
  fake::Capture out;
  fake::runComponent(input, out, 60000);
  uint64_t last = 0;
  size_t changes = 0;
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    if (i > 0) CHECK(e.takenMs - last >= 1000 || e.takenMs % 10000 == 0);
    if (e.takenMs % 10000 != 0) ++changes;
    // Debounced: what the switch has shown for the last 50 ms.
    CHECK(static_cast<int>(e.value) == model.steady(e.takenMs - 50) || e.takenMs == 0);
    last = e.takenMs;
  }
  CHECK(changes > 30u);
  CHECK(changes <= 60u);
}
