// Runs one component the way harbor::Device does, on the fake clock, against
// the host buses and whatever device models the test attached, and keeps what
// it emitted, failed and said.
#pragma once

#include <stdint.h>

#include <string>
#include <vector>

#include "fake_platform.h"
#include "harbor/component.h"

namespace fake {

struct Emitted {
  uint8_t channel;
  double value;
  uint64_t takenMs;
};

struct Capture : harbor::Emitter {
  void emit(uint8_t channel, double value, uint64_t takenMs) override {
    Emitted e = {channel, value, takenMs};
    readings.push_back(e);
  }
  void fail(harbor::ReadError error) override { errors.push_back(error); }
  void missed(uint32_t slots) override { missedSlots += slots; }
  void note(const char* text) override { notes.push_back(text); }

  std::vector<Emitted> of(uint8_t channel) const {
    std::vector<Emitted> out;
    for (size_t i = 0; i < readings.size(); ++i) {
      if (readings[i].channel == channel) out.push_back(readings[i]);
    }
    return out;
  }

  std::vector<Emitted> readings;
  std::vector<harbor::ReadError> errors;
  std::vector<std::string> notes;
  uint32_t missedSlots = 0;
};

// begin() at the current fake time, then run() at each time it asks for, until `untilMs`.
inline void runComponent(harbor::Component& component, Capture& out, uint64_t untilMs) {
  component.begin(state().nowMs);
  uint64_t next = state().nowMs;
  while (next < untilMs) {
    if (next > state().nowMs) state().nowMs = next;
    next = component.run(state().nowMs, out);
  }
  state().nowMs = untilMs;
}

}  // namespace fake
