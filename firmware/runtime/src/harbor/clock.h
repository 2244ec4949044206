// UTC for the readings: SNTP's clock where the platform has it synced, else
// the Date header of the Harbor's latest answer (1 s resolution beats none: a
// reading without a time is stamped by the Harbor on arrival, so a resend of
// it could be stored twice). Callers hold platform::lock().
#pragma once

#include <stdint.h>

namespace harbor {

class Clock {
 public:
  Clock() : dateKnown_(false), dateOffsetMs_(0) {}

  // True when UTC is known; then utc = monotonic + *offsetMs.
  bool offsetMs(int64_t* offsetMs) const;
  // An answer's Date header, received at monotonic `atMs`. Returns true when it
  // set the clock for the first time (SNTP had not synced).
  bool observeDate(const char* value, uint64_t atMs);
  bool fromDate() const;
  // UTC kept elsewhere (RTC memory across deep sleep): used until SNTP or a
  // Date header says better.
  void assume(int64_t offsetMs);

 private:
  bool dateKnown_;
  int64_t dateOffsetMs_;
};

}  // namespace harbor
