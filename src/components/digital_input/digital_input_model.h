// Host model of a switch on a pin: high while the wave is at or above 0.5,
// low below, and for `bounceMs` after each change the contact chatters
// (the level flips every millisecond), as a reed or a door contact does.
// Unplugged, the pin's pull-up holds it high.
#pragma once

#include "host_models.h"

namespace harbor {
namespace host {

class DigitalInputModel : public PinModel {
 public:
  DigitalInputModel(uint32_t bounceMs, const Wave& state, const Faults& faults)
      : PinModel(faults), bounceMs_(bounceMs), state_(state) {}
  int level(uint64_t nowMs) override;
  // The level without the bounce, what a debounced reading must show.
  int steady(uint64_t nowMs) const { return state_.at(nowMs) >= 0.5 ? 1 : 0; }

 private:
  uint32_t bounceMs_;
  Wave state_;
};

}  // namespace host
}  // namespace harbor
