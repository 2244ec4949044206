#include <stdint.h>

#include "check.h"
#include "harbor/wall_clock.h"

TEST_CASE("wall clock: a time before 2024 means SNTP has not set it yet") {
  CHECK(!harbor::wallClockSet(0));                 // boot: 1970
  CHECK(!harbor::wallClockSet(86400));             // a day after boot, still unsynced
  CHECK(!harbor::wallClockSet(1704067199));        // 2023-12-31T23:59:59Z
  CHECK(harbor::wallClockSet(1704067200));         // 2024-01-01T00:00:00Z
  CHECK(harbor::wallClockSet(4102444800LL));       // 2100: past 2038 on a 64-bit time_t
  int64_t offset = 12345;
  CHECK(!harbor::wallClockOffsetMs(1704067199, 999999, 5000, &offset));
  CHECK_EQ(offset, 12345);  // untouched
}

TEST_CASE("wall clock: the offset maps the monotonic clock onto UTC milliseconds") {
  int64_t offset = 0;
  // 2025-06-01T12:00:00.250Z read 90 s after boot.
  CHECK(harbor::wallClockOffsetMs(1748779200, 250000, 90000, &offset));
  CHECK_EQ(offset, 1748779200LL * 1000 + 250 - 90000);
  CHECK_EQ(90000 + offset, 1748779200250LL);
  // Microseconds are cut to whole milliseconds, never rounded up into the next one.
  CHECK(harbor::wallClockOffsetMs(1748779200, 999999, 0, &offset));
  CHECK_EQ(offset, 1748779200999LL);
  // A board up for 60 days: the monotonic clock is past 32 bits of milliseconds.
  const uint64_t sixtyDays = 60ULL * 86400 * 1000;
  CHECK(harbor::wallClockOffsetMs(1748779200, 0, sixtyDays, &offset));
  CHECK_EQ(static_cast<int64_t>(sixtyDays) + offset, 1748779200000LL);
}
