// A pulse counter (water, gas and energy meters, rain gauges, anemometers):
// the platform counts debounced edges on a pin (PCNT on the ESP32 family,
// an interrupt elsewhere); each slot reads the count and sends the rate over
// the last interval and the total since boot, both times a factor per pulse
// (0.5 L a pulse, 0.2794 mm of rain a tip). Reading a counter never fails.
#pragma once

#include <stdint.h>

#include "harbor/platform.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace pulse_counter {

// Pulses in `elapsedMs` (the counter's difference, so a wrap at 2^32 counts
// right) as a rate per `perMs` (60000: per minute), times `factor`.
double rate(uint32_t before, uint32_t after, uint64_t elapsedMs, double factor, uint32_t perMs);

}  // namespace pulse_counter

class PulseCounter : public PolledSensor {
 public:
  // Channels: rate (factor per `perMs`), total (factor since boot).
  PulseCounter(uint8_t unit, int pin, platform::Pull pull, platform::Edge edge, uint32_t debounceUs,
               double factor, uint32_t perMs, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  uint8_t unit_;
  int pin_;
  platform::Pull pull_;
  platform::Edge edge_;
  uint32_t debounceUs_;
  double factor_;
  uint32_t perMs_;
  bool begun_;
  bool primed_;       // a first count was taken: the next slot has an interval to divide by
  uint32_t lastCount_;
  uint64_t lastMs_;
  uint64_t total_;    // pulses since boot, past any wrap of the 32-bit count
  char name_[20];
};

}  // namespace harbor
