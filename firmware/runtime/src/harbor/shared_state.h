// State shared by the sampling loop and the sender (task), always accessed
// under platform::lock().
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/device.h"
#include "harbor/platform.h"
#include "harbor/record_ring.h"

namespace harbor {

struct SharedState {
  SharedState(Record* storage, size_t capacity);

  RecordRing ring;
  Stats stats;          // dropped and buffered are read from the ring, see snapshot()
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
