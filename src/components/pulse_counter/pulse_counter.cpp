#include "harbor/sensors/pulse_counter.h"

#include <stdio.h>

namespace harbor {
namespace pulse_counter {

double rate(uint32_t before, uint32_t after, uint64_t elapsedMs, double factor, uint32_t perMs) {
  if (elapsedMs == 0) return 0;
  const uint32_t pulses = after - before;  // modulo 2^32
  return pulses * factor * perMs / static_cast<double>(elapsedMs);
}

}  // namespace pulse_counter

PulseCounter::PulseCounter(uint8_t unit, int pin, platform::Pull pull, platform::Edge edge, uint32_t debounceUs,
                           double factor, uint32_t perMs, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs),
      unit_(unit),
      pin_(pin),
      pull_(pull),
      edge_(edge),
      debounceUs_(debounceUs),
      factor_(factor),
      perMs_(perMs),
      begun_(false),
      primed_(false),
      lastCount_(0),
      lastMs_(0),
      total_(0) {
  snprintf(name_, sizeof name_, "pulses GPIO %d", pin);
}

PolledSensor::Result PulseCounter::setup(uint64_t) {
  if (!begun_) begun_ = platform::pulseBegin(unit_, pin_, pull_, edge_, debounceUs_);
  return begun_ ? done() : fail(ReadError::Bus);
}

PolledSensor::Result PulseCounter::start(uint64_t) { return done(); }

PolledSensor::Result PulseCounter::collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) {
  const uint32_t count = platform::pulseCount(unit_);
  if (primed_) {
    total_ += static_cast<uint32_t>(count - lastCount_);
    out.emit(0, pulse_counter::rate(lastCount_, count, nowMs - lastMs_, factor_, perMs_), takenMs);
    out.emit(1, static_cast<double>(total_) * factor_, takenMs);
  } else {
    // The first slot only starts the interval: a rate needs two counts. The
    // pulses before it (since pulseBegin) belong to the total.
    total_ = count;
    primed_ = true;
  }
  lastCount_ = count;
  lastMs_ = nowMs;
  return done();
}

}  // namespace harbor
