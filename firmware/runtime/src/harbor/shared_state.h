// What the recording side (loop, user tasks) and the sender share, always
// accessed under platform::lock(): the store, the counters, the clock and the
// cargo table.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/cargo_table.h"
#include "harbor/clock.h"
#include "harbor/platform.h"
#include "harbor/record_store.h"
#include "harbor/uplink_types.h"

namespace harbor {

struct SharedState {
  SharedState(RecordStore& store, const UplinkConfig& config);

  RecordStore& store;
  Stats stats;          // dropped and buffered are read from the store, see snapshot()
  Clock clock;
  CargoTable cargos;
  bool hasMonotonic;    // some buffered reading still carries a monotonic stamp

  Stats snapshot() const;
  // Turns monotonic stamps into UTC once the clock offset is known. Done once,
  // in place, so a retried batch carries the very same times and its
  // duplicates collapse on the Harbor. Readings flagged kSentUntimed stay as they are.
  void stampUtc(int64_t offsetMs);
};

class ScopedLock {
 public:
  ScopedLock() { platform::lock(); }
  ~ScopedLock() { platform::unlock(); }

 private:
  ScopedLock(const ScopedLock&);
  ScopedLock& operator=(const ScopedLock&);
};

}  // namespace harbor
