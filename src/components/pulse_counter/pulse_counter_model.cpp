#include "pulse_counter_model.h"

#include <math.h>

namespace harbor {
namespace host {

PulseCounterModel::PulseCounterModel(const Wave& total, double factor, const Faults& faults)
    : PinModel(faults), total_(total), factor_(factor > 0 ? factor : 1), seen_(0), lost_(0), lastMs_(0) {}

namespace {

// Pulses of a meter that has metered `total`: a pulse for each whole factor.
uint32_t pulsesOf(double total, double factor) {
  const double n = floor(total / factor + 1e-9);
  return n > 0 ? static_cast<uint32_t>(n) : 0;
}

const uint64_t kStepMs = 100;  // how finely an unplugged window's pulses are told from the others

}  // namespace

uint32_t PulseCounterModel::pulses(uint64_t nowMs) {
  // Between two reads, the pulses given while unplugged never reach the pin.
  for (uint64_t t = lastMs_; t < nowMs;) {
    const uint64_t next = t + kStepMs < nowMs ? t + kStepMs : nowMs;
    if (faults.unplugged(t)) {
      const uint32_t a = pulsesOf(total_.at(t), factor_);
      const uint32_t b = pulsesOf(total_.at(next), factor_);
      if (b > a) lost_ += b - a;
    }
    t = next;
  }
  lastMs_ = nowMs > lastMs_ ? nowMs : lastMs_;
  const uint32_t n = pulsesOf(total_.at(nowMs), factor_);
  if (n > seen_) seen_ = n;  // a meter's count never goes back
  return seen_ - lost_;
}

}  // namespace host
}  // namespace harbor
