#include "harbor/sensors/digital_input.h"

#include <stdio.h>

namespace harbor {

const uint32_t DigitalInput::kPollMs;
const uint32_t DigitalInput::kMinChangeGapMs;

Debouncer::Debouncer(uint32_t debounceMs)
    : debounceMs_(debounceMs), level_(1), candidate_(1), candidateSinceMs_(0) {}

void Debouncer::reset(int level, uint64_t nowMs) {
  level_ = candidate_ = level;
  candidateSinceMs_ = nowMs;
}

bool Debouncer::sample(int level, uint64_t nowMs) {
  if (level != candidate_) {
    candidate_ = level;
    candidateSinceMs_ = nowMs;
  }
  if (candidate_ == level_ || nowMs - candidateSinceMs_ < debounceMs_) return false;
  level_ = candidate_;
  return true;
}

DigitalInput::DigitalInput(int pin, platform::Pull pull, bool inverted, uint32_t debounceMs, uint32_t intervalMs)
    : pin_(pin),
      pull_(pull),
      inverted_(inverted),
      intervalMs_(intervalMs > 0 ? intervalMs : 1000),
      debouncer_(debounceMs),
      begun_(false),
      dueMs_(0),
      sent_(-1),
      sentAtMs_(0) {
  snprintf(name_, sizeof name_, "input GPIO %d", pin);
}

void DigitalInput::begin(uint64_t nowMs) {
  begun_ = platform::gpioInput(pin_, pull_);
  debouncer_.reset(platform::gpioRead(pin_), nowMs);
  dueMs_ = nowMs;
}

uint64_t DigitalInput::run(uint64_t nowMs, Emitter& out) {
  if (!begun_) {
    begun_ = platform::gpioInput(pin_, pull_);
    if (!begun_) {
      out.fail(ReadError::Bus);
      dueMs_ += intervalMs_;
      return dueMs_;
    }
  }
  // A change is sent once confirmed, at most one a kMinChangeGapMs; at a slot,
  // the slot's reading carries it.
  debouncer_.sample(platform::gpioRead(pin_), nowMs);
  const int v = value(debouncer_.level());
  if (nowMs >= dueMs_) {
    const uint32_t skipped = skipMissedSlots(&dueMs_, nowMs, intervalMs_);
    if (skipped > 0) out.missed(skipped);
    out.emit(0, v, nowMs);
    dueMs_ += intervalMs_;
  } else if (v != sent_ && nowMs - sentAtMs_ >= kMinChangeGapMs) {
    out.emit(0, v, nowMs);
  } else {
    return next(nowMs);
  }
  sent_ = v;
  sentAtMs_ = nowMs;
  return next(nowMs);
}

uint64_t DigitalInput::next(uint64_t nowMs) const {
  const uint64_t poll = nowMs + kPollMs;
  return poll < dueMs_ ? poll : dueMs_;
}

}  // namespace harbor
