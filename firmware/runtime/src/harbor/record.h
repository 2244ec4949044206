// One buffered reading: 16 bytes, no heap. Time is kept as seconds from a fixed
// epoch plus milliseconds, which keeps millisecond resolution to the year 2160
// in half the bytes of an int64 and a double's worth of padding.
#pragma once

#include <stdint.h>

namespace harbor {

// 2024-01-01T00:00:00Z: a clock before it was never set (wall_clock.h), so no
// reading can be stamped earlier.
const int64_t kRecordEpochMs = 1704067200000LL;

struct Record {
  uint32_t seconds;  // since kRecordEpochMs (UTC), or since boot when kMonotonic is set
  uint16_t millis;   // 0-999
  uint8_t cargo;     // index into the uplink's cargo table
  uint8_t flags;
  double value;

  static const uint8_t kMonotonic = 1;  // stamped before the clock was known
  // Once sent without "time" it is always resent without: with a time, a retry
  // after a lost answer would be stored a second time under another key.
  static const uint8_t kSentUntimed = 2;
};

static_assert(sizeof(Record) == 16, "a buffered reading is 16 bytes");

// UTC epoch ms of a reading (or ms since boot when kMonotonic is set).
inline int64_t recordTimeMs(const Record& r) {
  const int64_t ms = static_cast<int64_t>(r.seconds) * 1000 + r.millis;
  return (r.flags & Record::kMonotonic) ? ms : ms + kRecordEpochMs;
}

// Stamps `r` with UTC epoch ms; false when the time cannot be kept (before the
// epoch or after 2160).
inline bool setRecordUtc(Record* r, int64_t utcMs) {
  const int64_t since = utcMs - kRecordEpochMs;
  if (since < 0 || since / 1000 > 0xFFFFFFFFLL) return false;
  r->seconds = static_cast<uint32_t>(since / 1000);
  r->millis = static_cast<uint16_t>(since % 1000);
  r->flags = static_cast<uint8_t>(r->flags & ~Record::kMonotonic);
  return true;
}

// Stamps `r` with ms since boot, to be turned into UTC once the clock is known.
inline void setRecordMonotonic(Record* r, uint64_t monotonicMs) {
  r->seconds = static_cast<uint32_t>(monotonicMs / 1000);
  r->millis = static_cast<uint16_t>(monotonicMs % 1000);
  r->flags = static_cast<uint8_t>(r->flags | Record::kMonotonic);
}

}  // namespace harbor
