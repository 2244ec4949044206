// The PolledSensor contract through faults, checked the same way for any
// driver against its host model: a device unplugged for a while loses those
// slots (and those until the next look for it, PolledSensor's backoff), each
// counted once, said once when gone and once when back, and nothing read
// inside the window; NACKs and bad CRCs now and then cost single slots.
// Every reading that does arrive passes `valueOk` (the model's value within
// the resolution). The caller resets the fake clock, attaches the model and
// builds the sensor.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <string>

#include "check.h"
#include "component_rig.h"
#include "harbor/polled_sensor.h"
#include "host_models.h"

namespace fake {

// A run read every `intervalMs` until `untilMs` with the sensor gone during
// `gone`: every slot is a reading (of channel 0) or one counted failure, but
// `uncounted` slots that had no measurement yet (a Sensirion sensor's first
// after its setup); the window's slots are lost, and at most those until the
// next look for it plus `otherFaults` more; its going and its return are said
// once each; no reading is stamped inside the window.
inline void checkUnplugged(const Capture& out, const harbor::host::Window& gone, uint32_t intervalMs, uint64_t untilMs,
                           size_t otherFaults = 0, size_t uncounted = 0) {
  const size_t slots = static_cast<size_t>(untilMs / intervalMs);
  const size_t lost = static_cast<size_t>((gone.toMs - gone.fromMs) / intervalMs);
  const size_t backoff = harbor::PolledSensor::kMaxProbeBackoffMs / intervalMs;
  CHECK(out.errors.size() >= lost);
  CHECK(out.errors.size() <= lost + backoff + otherFaults);
  CHECK_EQ(out.of(0).size() + out.errors.size() + uncounted, slots);
  CHECK_EQ(out.notes.size(), 2u);
  if (out.notes.size() == 2u) CHECK_EQ(out.notes[1], std::string("answers again"));
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK(!gone.contains(out.readings[i].takenMs));
}

// Unplugs `device` from 5 to 10 minutes of a 30-minute run of `sensor`, which
// emits `channels` readings a slot, and checks it as above.
template <typename ValueOk>
void checkUnplugged(harbor::Component& sensor, harbor::host::FaultState& device, uint32_t intervalMs,
                    size_t channels, ValueOk valueOk, size_t uncounted = 0) {
  CHECK_CONTEXT(sensor.name());
  harbor::host::Faults faults;
  const harbor::host::Window gone = {300000, 600000};
  faults.unplugged.push_back(gone);
  device.set(faults);
  Capture out;
  const uint64_t untilMs = 1800000;
  runComponent(sensor, out, untilMs);
  checkUnplugged(out, gone, intervalMs, untilMs, 0, uncounted);
  CHECK_EQ(out.readings.size() % channels, 0u);
  CHECK_EQ(out.readings.size(), out.of(0).size() * channels);
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK(valueOk(out.readings[i]));
}

// Every slot of a run with `faults` is a whole reading or one counted failure;
// up to `uncounted` slots without a measurement yet may be neither (or fail).
template <typename ValueOk>
Capture runThroughFaults(harbor::Component& sensor, harbor::host::FaultState& device, const harbor::host::Faults& faults,
                         uint32_t intervalMs, uint64_t untilMs, size_t channels, ValueOk valueOk, size_t uncounted) {
  device.set(faults);
  Capture out;
  runComponent(sensor, out, untilMs);
  const size_t slots = static_cast<size_t>(untilMs / intervalMs);
  CHECK_EQ(out.readings.size() % channels, 0u);
  CHECK(out.readings.size() / channels + out.errors.size() + uncounted >= slots);
  CHECK(out.readings.size() / channels + out.errors.size() <= slots);
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK(valueOk(out.readings[i]));
  return out;
}

// NACKs on 5 % of the transactions for an hour: each costs one slot.
template <typename ValueOk>
void checkNacks(harbor::Component& sensor, harbor::host::FaultState& device, uint32_t intervalMs, size_t channels,
                ValueOk valueOk, size_t uncounted = 0) {
  CHECK_CONTEXT(sensor.name());
  harbor::host::Faults faults;
  faults.nackRate = 0.05;
  faults.seed = 7;
  const Capture out = runThroughFaults(sensor, device, faults, intervalMs, 3600000, channels, valueOk, uncounted);
  CHECK(out.errors.size() > 5u);
}

// Bad CRCs on 5 % and NACKs on 2 % of the transactions for an hour: both are
// counted, each costs one slot, and no corrupted word is ever sent as a value.
template <typename ValueOk>
void checkCrcAndNacks(harbor::Component& sensor, harbor::host::FaultState& device, uint32_t intervalMs, size_t channels,
                      ValueOk valueOk, size_t uncounted = 0) {
  CHECK_CONTEXT(sensor.name());
  harbor::host::Faults faults;
  faults.corruptRate = 0.05;
  faults.nackRate = 0.02;
  faults.seed = 7;
  const Capture out = runThroughFaults(sensor, device, faults, intervalMs, 3600000, channels, valueOk, uncounted);
  size_t crc = 0;
  for (size_t i = 0; i < out.errors.size(); ++i) crc += out.errors[i] == harbor::ReadError::Crc;
  CHECK(crc > 5u);
  CHECK(out.errors.size() > crc);  // NACKs too
}

}  // namespace fake
