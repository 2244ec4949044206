#include "harbor/shared_state.h"

#include <string.h>

namespace harbor {

// C++11 needs one definition of a static const member that is bound to a reference.
const uint8_t Record::kMonotonic;
const uint8_t Record::kSentUntimed;

SharedState::SharedState(Record* storage, size_t capacity)
    : ring(storage, capacity), stats(), hasMonotonic(false) {
  memset(&stats, 0, sizeof stats);
}

Stats SharedState::snapshot() const {
  Stats s = stats;
  s.dropped = ring.dropped();
  s.buffered = static_cast<uint32_t>(ring.size());
  return s;
}

void SharedState::stampUtc(int64_t offsetMs) {
  if (!hasMonotonic) return;
  for (size_t i = 0; i < ring.size(); ++i) {
    Record& r = ring.at(i);
    // A reading already sent untimed keeps going untimed, see kSentUntimed.
    if ((r.flags & Record::kMonotonic) && !(r.flags & Record::kSentUntimed)) {
      r.timeMs += offsetMs;
      r.flags = static_cast<uint8_t>(r.flags & ~Record::kMonotonic);
    }
  }
  hasMonotonic = false;
}

}  // namespace harbor
