// The PolledSensor contract through faults, checked the same way for any
// driver against its host model: a device unplugged for five minutes loses
// those slots (and those until the next look for it, at most a minute), each
// counted once, said once when gone and once when back, and nothing read
// inside the window; NACKs now and then cost single slots. Every reading that
// does arrive passes `valueOk` (the model's value within the resolution).
// The caller resets the fake clock, attaches the model and builds the sensor.
#pragma once

#include <stdint.h>

#include "check.h"
#include "component_rig.h"
#include "host_models.h"

namespace fake {

template <typename ValueOk>
void checkUnplugged(harbor::Component& sensor, harbor::host::FaultState& device, uint32_t intervalMs,
                    size_t channels, ValueOk valueOk) {
  CHECK_CONTEXT(sensor.name());
  harbor::host::Faults faults;
  const harbor::host::Window gone = {300000, 600000};
  faults.unplugged.push_back(gone);
  device.set(faults);
  Capture out;
  const uint64_t untilMs = 1800000;
  runComponent(sensor, out, untilMs);
  const size_t lost = 300000 / intervalMs;
  CHECK(out.errors.size() >= lost && out.errors.size() <= lost + 60000 / intervalMs);
  CHECK_EQ(out.readings.size() % channels, 0u);
  CHECK_EQ(out.readings.size() / channels + out.errors.size(), static_cast<size_t>(untilMs / intervalMs));
  CHECK_EQ(out.notes.size(), 2u);
  if (out.notes.size() == 2u) CHECK_EQ(out.notes[1], "answers again");
  for (size_t i = 0; i < out.readings.size(); ++i) {
    CHECK(!gone.contains(out.readings[i].takenMs));
    CHECK(valueOk(out.readings[i]));
  }
}

template <typename ValueOk>
void checkNacks(harbor::Component& sensor, harbor::host::FaultState& device, uint32_t intervalMs, size_t channels,
                ValueOk valueOk) {
  CHECK_CONTEXT(sensor.name());
  harbor::host::Faults faults;
  faults.nackRate = 0.05;
  faults.seed = 7;
  device.set(faults);
  Capture out;
  const uint64_t untilMs = 3600000;
  runComponent(sensor, out, untilMs);
  CHECK(out.errors.size() > 5u);
  CHECK_EQ(out.readings.size() % channels, 0u);
  CHECK_EQ(out.readings.size() / channels + out.errors.size(), static_cast<size_t>(untilMs / intervalMs));
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK(valueOk(out.readings[i]));
}

}  // namespace fake
