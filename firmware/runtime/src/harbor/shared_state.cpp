#include "harbor/shared_state.h"

#include <string.h>

#include "harbor/flash_data.h"

namespace harbor {

SharedState::SharedState(RecordStore& s, const UplinkConfig& config)
    : store(s),
      stats(),
      clock(),
      cargos(flash::read(config.cargos), flash::read(config.cargoCount)),
      hasMonotonic(false) {
  memset(&stats, 0, sizeof stats);
}

Stats SharedState::snapshot() const {
  Stats s = stats;
  s.dropped = store.dropped();
  s.buffered = static_cast<uint32_t>(store.size());
  s.unpersisted = static_cast<uint32_t>(store.unpersisted());
  return s;
}

void SharedState::stampUtc(int64_t offsetMs) {
  if (!hasMonotonic) return;
  bool left = false;
  // Readings in flash are never monotonic (flash_ring.h): skip them unread.
  for (size_t i = store.persisted(); i < store.size(); ++i) {
    Record r = store.at(i);
    // A reading already sent untimed keeps going untimed, see kSentUntimed.
    if (!(r.flags & Record::kMonotonic) || (r.flags & Record::kSentUntimed)) continue;
    const uint8_t flags = r.flags;
    if (!setRecordUtc(&r, recordTimeMs(r) + offsetMs) || !store.update(i, r)) {
      r.flags = flags;
      left = true;
    }
  }
  hasMonotonic = left;
}

}  // namespace harbor
