#include "harbor/wall_clock.h"

namespace harbor {

bool wallClockSet(int64_t epochSeconds) { return epochSeconds >= kMinValidEpochS; }

bool wallClockOffsetMs(int64_t epochSeconds, int64_t micros, uint64_t monotonicMs, int64_t* offsetMs) {
  if (!wallClockSet(epochSeconds)) return false;
  const int64_t utcMs = epochSeconds * 1000 + micros / 1000;
  *offsetMs = utcMs - static_cast<int64_t>(monotonicMs);
  return true;
}

}  // namespace harbor
