#include "harbor/clock.h"

#include "harbor/civil_time.h"
#include "harbor/platform.h"
#include "harbor/record.h"

namespace harbor {

bool Clock::offsetMs(int64_t* offsetMs) const {
  if (platform::utcOffsetMs(offsetMs)) return true;
  if (!dateKnown_) return false;
  *offsetMs = dateOffsetMs_;
  return true;
}

bool Clock::fromDate() const {
  int64_t ignored;
  return dateKnown_ && !platform::utcOffsetMs(&ignored);
}

void Clock::assume(int64_t offsetMs) {
  if (dateKnown_) return;
  dateOffsetMs_ = offsetMs;
  dateKnown_ = true;
}

bool Clock::observeDate(const char* value, uint64_t atMs) {
  int64_t ignored;
  if (value == 0 || value[0] == '\0' || platform::utcOffsetMs(&ignored)) return false;
  int64_t utcMs;
  if (!parseHttpDate(value, &utcMs) || utcMs < kRecordEpochMs) return false;
  // The header has whole seconds: the middle of that second is the best guess.
  const int64_t offset = utcMs + 500 - static_cast<int64_t>(atMs);
  const bool first = !dateKnown_;
  // Keep the first estimate unless the server's clock moved by more than a few
  // seconds: re-estimating on every answer would shift readings back and forth.
  const int64_t drift = offset - dateOffsetMs_;
  if (first || drift > 5000 || drift < -5000) dateOffsetMs_ = offset;
  dateKnown_ = true;
  return first;
}

}  // namespace harbor
