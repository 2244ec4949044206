// What every sensor family's C++ test checks of a driver run against its host
// model with the sensor unplugged for a while (component_rig.h runs it).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/polled_sensor.h"
#include "host_models.h"

namespace fake {

// Read every `intervalMs` until `untilMs` with the sensor gone during `gone`:
// every slot is either a reading (of channel 0) or one counted failure; the
// window's slots are lost, and at most those until the next look for it
// (PolledSensor's backoff) plus `otherFaults` more; its going and its return
// are said once each; no reading is stamped inside the window.
inline void checkUnplugged(const Capture& out, const harbor::host::Window& gone, uint32_t intervalMs, uint64_t untilMs,
                           size_t otherFaults = 0) {
  const size_t slots = static_cast<size_t>(untilMs / intervalMs);
  const size_t lost = static_cast<size_t>((gone.toMs - gone.fromMs) / intervalMs);
  const size_t backoff = harbor::PolledSensor::kMaxProbeBackoffMs / intervalMs;
  CHECK(out.errors.size() >= lost);
  CHECK(out.errors.size() <= lost + backoff + otherFaults);
  CHECK_EQ(out.of(0).size() + out.errors.size(), slots);
  CHECK_EQ(out.notes.size(), 2u);
  if (out.notes.size() == 2u) CHECK_EQ(out.notes[1], std::string("answers again"));
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK(!gone.contains(out.readings[i].takenMs));
}

}  // namespace fake
