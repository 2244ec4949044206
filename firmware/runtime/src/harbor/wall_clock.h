// Reading the board's wall clock (gettimeofday, set by SNTP) the same way on
// every platform: a clock before 2024 was never set, and a set one gives the
// offset the runtime adds to the monotonic clock.
#pragma once

#include <stdint.h>

namespace harbor {

// 2024-01-01T00:00:00Z. A board without a battery-backed clock boots in 1970,
// so any earlier time means SNTP has not answered yet.
const int64_t kMinValidEpochS = 1704067200;

// True when `epochSeconds` (time(), timeval::tv_sec) can come from a synced clock.
bool wallClockSet(int64_t epochSeconds);

// utc - monotonic, in ms, from the wall clock (`epochSeconds` + `micros`) read
// at monotonic time `monotonicMs`. False, leaving *offsetMs alone, while the
// clock is not set.
bool wallClockOffsetMs(int64_t epochSeconds, int64_t micros, uint64_t monotonicMs, int64_t* offsetMs);

}  // namespace harbor
