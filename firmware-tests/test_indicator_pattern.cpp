#include <stdint.h>

#include "check.h"
#include "harbor/indicator_pattern.h"

using harbor::indicatorLit;
using harbor::platform::Indicator;

TEST_CASE("indicator: dark when all is well, lit while sending, at any time") {
  const uint64_t times[] = {0, 1, 124, 125, 999, 1000, 1999, 2000, 86400000ULL, 1ULL << 40, UINT64_MAX};
  for (size_t i = 0; i < sizeof times / sizeof times[0]; ++i) {
    CHECK_CONTEXT("t=" + check::show(times[i]));
    CHECK(!indicatorLit(Indicator::Ok, times[i]));
    CHECK(indicatorLit(Indicator::Sending, times[i]));
  }
}

TEST_CASE("indicator: offline blinks slowly, 1 s on and 1 s off") {
  CHECK(indicatorLit(Indicator::Offline, 0));
  CHECK(indicatorLit(Indicator::Offline, 999));
  CHECK(!indicatorLit(Indicator::Offline, 1000));
  CHECK(!indicatorLit(Indicator::Offline, 1999));
  CHECK(indicatorLit(Indicator::Offline, 2000));
  // Over a minute: exactly half of the time lit, with 60 transitions.
  int lit = 0;
  int changes = 0;
  bool previous = indicatorLit(Indicator::Offline, 0);
  for (uint64_t t = 0; t < 60000; ++t) {
    const bool on = indicatorLit(Indicator::Offline, t);
    lit += on ? 1 : 0;
    changes += on != previous ? 1 : 0;
    previous = on;
  }
  CHECK_EQ(lit, 30000);
  CHECK_EQ(changes, 59);
  // Long uptimes keep the rhythm (no 32-bit wrap after 49 days).
  const uint64_t fiftyDays = 50ULL * 86400 * 1000;
  CHECK(indicatorLit(Indicator::Offline, fiftyDays));
  CHECK(!indicatorLit(Indicator::Offline, fiftyDays + 1000));
}

TEST_CASE("indicator: a configuration error blinks fast, 125 ms on and 125 ms off") {
  CHECK(indicatorLit(Indicator::ConfigError, 0));
  CHECK(indicatorLit(Indicator::ConfigError, 124));
  CHECK(!indicatorLit(Indicator::ConfigError, 125));
  CHECK(!indicatorLit(Indicator::ConfigError, 249));
  CHECK(indicatorLit(Indicator::ConfigError, 250));
  int changes = 0;
  bool previous = indicatorLit(Indicator::ConfigError, 0);
  for (uint64_t t = 1; t < 1000; ++t) {
    const bool on = indicatorLit(Indicator::ConfigError, t);
    changes += on != previous ? 1 : 0;
    previous = on;
  }
  CHECK_EQ(changes, 7);  // four flashes a second
  // Distinguishable from offline: within one offline "on" second it also goes dark.
  CHECK(indicatorLit(Indicator::Offline, 150));
  CHECK(!indicatorLit(Indicator::ConfigError, 150));
}
