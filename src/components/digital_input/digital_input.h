// A door, reed or float switch on a digital input: 0 or 1, sent when it
// changes (once steady for the debounce time) and on a fixed grid as well,
// so a missed change shows at the next slot. The pin is read every 10 ms, a
// register read; no interrupt is needed.
#pragma once

#include <stdint.h>

#include "harbor/component.h"
#include "harbor/platform.h"

namespace harbor {

// Debounces samples of a level: a new level counts once it has read the same
// for `debounceMs` (a contact's bounce of a few ms never does).
class Debouncer {
 public:
  explicit Debouncer(uint32_t debounceMs);
  // Starts from a level known to be steady.
  void reset(int level, uint64_t nowMs);
  // A sample; true when it confirms a change to level().
  bool sample(int level, uint64_t nowMs);
  int level() const { return level_; }

 private:
  uint32_t debounceMs_;
  int level_;
  int candidate_;
  uint64_t candidateSinceMs_;
};

class DigitalInput : public Component {
 public:
  static const uint32_t kPollMs = 10;
  // At most one change reading a second: a float switch in waves would
  // otherwise fill the buffer; a change within the second is sent after it.
  static const uint32_t kMinChangeGapMs = 1000;
  // Channel: state (0/1; 1 = pin high, or low when `inverted`).
  DigitalInput(int pin, platform::Pull pull, bool inverted, uint32_t debounceMs, uint32_t intervalMs);

  const char* name() const override { return name_; }
  void begin(uint64_t nowMs) override;
  uint64_t run(uint64_t nowMs, Emitter& out) override;

 private:
  int value(int level) const { return inverted_ ? !level : level; }
  uint64_t next(uint64_t nowMs) const;

  int pin_;
  platform::Pull pull_;
  bool inverted_;
  uint32_t intervalMs_;
  Debouncer debouncer_;
  bool begun_;
  uint64_t dueMs_;
  int sent_;           // the value last sent, -1 before the first
  uint64_t sentAtMs_;
  char name_[20];
};

}  // namespace harbor
