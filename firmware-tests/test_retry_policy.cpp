#include <stdint.h>

#include "check.h"
#include "harbor/civil_time.h"
#include "harbor/retry_policy.h"

using harbor::Verdict;

namespace {

const int64_t kDate = 784111777000LL;  // Sun, 06 Nov 1994 08:49:37 GMT

const char* name(Verdict v) {
  switch (v) {
    case Verdict::Commit:
      return "commit";
    case Verdict::Retry:
      return "retry";
    case Verdict::Bisect:
      return "bisect";
    case Verdict::ConfigError:
      return "config-error";
    case Verdict::Drop:
      return "drop";
  }
  return "?";
}

}  // namespace

TEST_CASE("policy: status-code table, row by row") {
  struct Row {
    int status;
    const char* verdict;
  };
  const Row rows[] = {
      {200, "commit"}, {201, "commit"}, {202, "commit"}, {204, "commit"},
      {429, "retry"}, {500, "retry"}, {502, "retry"}, {503, "retry"}, {504, "retry"},
      {408, "retry"}, {0, "retry"}, {501, "retry"}, {599, "retry"},
      {400, "bisect"}, {413, "bisect"}, {422, "bisect"},
      {401, "config-error"}, {403, "config-error"}, {404, "config-error"},
      {301, "config-error"}, {308, "config-error"},
      {405, "drop"}, {409, "drop"}, {410, "drop"}, {415, "drop"}, {451, "drop"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; ++i) {
    CHECK_CONTEXT("status " + check::show(rows[i].status));
    CHECK_EQ(std::string(name(harbor::classifyStatus(rows[i].status))), rows[i].verdict);
  }
}

TEST_CASE("policy: Retry-After is honoured on 429 and 503 only") {
  CHECK(harbor::honoursRetryAfter(429));
  CHECK(harbor::honoursRetryAfter(503));
  CHECK(!harbor::honoursRetryAfter(500));
  CHECK(!harbor::honoursRetryAfter(502));
  CHECK(!harbor::honoursRetryAfter(0));
}

TEST_CASE("policy: backoff ceilings double from 2 s to the 5 min cap") {
  const uint32_t expected[] = {2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000};
  for (uint32_t n = 1; n <= 10; ++n) {
    CHECK_CONTEXT("failures " + check::show(n));
    CHECK_EQ(harbor::backoffCeilingMs(n), expected[n - 1]);
  }
  CHECK_EQ(harbor::backoffCeilingMs(1000), 300000u);
  CHECK_EQ(harbor::backoffCeilingMs(UINT32_MAX), 300000u);
}

TEST_CASE("policy: every backoff delay lies in [0, min(cap, base*2^n)] and spans it") {
  uint32_t x = 12345;
  for (uint32_t n = 1; n <= 40; ++n) {
    CHECK_CONTEXT("failures " + check::show(n));
    uint64_t ceiling = 2000;
    for (uint32_t i = 1; i < n && ceiling < 300000; ++i) ceiling *= 2;
    if (ceiling > 300000) ceiling = 300000;
    uint32_t lowest = UINT32_MAX;
    uint32_t highest = 0;
    for (int i = 0; i < 2000; ++i) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      const uint32_t d = harbor::backoffDelayMs(n, x);
      if (d < lowest) lowest = d;
      if (d > highest) highest = d;
    }
    CHECK(highest <= ceiling);
    // Full jitter: the draws cover the whole range, not just the top of it.
    CHECK(lowest < ceiling / 10);
    CHECK(highest > ceiling * 9 / 10);
    CHECK_EQ(harbor::backoffDelayMs(n, 0), 0u);
    CHECK_EQ(static_cast<uint64_t>(harbor::backoffDelayMs(n, static_cast<uint32_t>(ceiling))), ceiling);
  }
}

TEST_CASE("policy: configuration errors retry after 15 min, 30 min, then hourly") {
  CHECK_EQ(harbor::configRetryDelayMs(1), 900000u);
  CHECK_EQ(harbor::configRetryDelayMs(2), 1800000u);
  CHECK_EQ(harbor::configRetryDelayMs(3), 3600000u);
  CHECK_EQ(harbor::configRetryDelayMs(4), 3600000u);
  CHECK_EQ(harbor::configRetryDelayMs(100000), 3600000u);
}

TEST_CASE("retry-after: HTTP-date in IMF-fixdate, RFC 850 and asctime forms") {
  int64_t ms = 0;
  CHECK(harbor::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT", &ms));
  CHECK_EQ(ms, kDate);
  ms = 0;
  CHECK(harbor::parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", &ms));
  CHECK_EQ(ms, kDate);
  ms = 0;
  CHECK(harbor::parseHttpDate("Sun Nov  6 08:49:37 1994", &ms));
  CHECK_EQ(ms, kDate);
  CHECK(harbor::parseHttpDate("Thu, 26 Nov 2026 10:00:00 GMT", &ms));
  CHECK_EQ(ms, 1795687200000LL);
  CHECK(!harbor::parseHttpDate("Sun, 06 Nov 1994 08:49:37 PST", &ms));
  CHECK(!harbor::parseHttpDate("Sun, 06 Foo 1994 08:49:37 GMT", &ms));
  CHECK(!harbor::parseHttpDate("Sun, 32 Nov 1994 08:49:37 GMT", &ms));
  CHECK(!harbor::parseHttpDate("Sun, 06 Nov 1994 24:00:00 GMT", &ms));
  CHECK(!harbor::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT trailing", &ms));
  CHECK(!harbor::parseHttpDate("", &ms));
}

TEST_CASE("retry-after: delta-seconds, clamped to 1 s .. 1 h") {
  uint32_t d = 0;
  CHECK(harbor::parseRetryAfter("120", false, 0, &d));
  CHECK_EQ(d, 120000u);
  CHECK(harbor::parseRetryAfter(" 5 ", false, 0, &d));
  CHECK_EQ(d, 5000u);
  CHECK(harbor::parseRetryAfter("0", false, 0, &d));
  CHECK_EQ(d, 1000u);
  CHECK(harbor::parseRetryAfter("601", false, 0, &d));
  CHECK_EQ(d, 601000u);  // the Harbor asked for ten minutes and a second: it gets them
  CHECK(harbor::parseRetryAfter("3600", false, 0, &d));
  CHECK_EQ(d, 3600000u);
  CHECK(harbor::parseRetryAfter("3601", false, 0, &d));
  CHECK_EQ(d, 3600000u);
  CHECK(harbor::parseRetryAfter("99999999999999999999", false, 0, &d));
  CHECK_EQ(d, 3600000u);
  CHECK(!harbor::parseRetryAfter("", false, 0, &d));
  CHECK(!harbor::parseRetryAfter("5s", false, 0, &d));
  CHECK(!harbor::parseRetryAfter("-5", false, 0, &d));
  CHECK(!harbor::parseRetryAfter("1.5", false, 0, &d));
  CHECK(!harbor::parseRetryAfter(0, false, 0, &d));
}

TEST_CASE("retry-after: HTTP-date relative to the current UTC, clamped") {
  uint32_t d = 0;
  CHECK(harbor::parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", true, kDate - 30000, &d));
  CHECK_EQ(d, 30000u);
  CHECK(harbor::parseRetryAfter("Sunday, 06-Nov-94 08:49:37 GMT", true, kDate - 2500, &d));
  CHECK_EQ(d, 2500u);
  // In the past: retry soon, but not at once.
  CHECK(harbor::parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", true, kDate + 60000, &d));
  CHECK_EQ(d, 1000u);
  // A day away: clamped to 1 h.
  CHECK(harbor::parseRetryAfter("Sun Nov  6 08:49:37 1994", true, kDate - 86400000, &d));
  CHECK_EQ(d, 3600000u);
  CHECK(harbor::parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", true, kDate - 1800000, &d));
  CHECK_EQ(d, 1800000u);
  // Without a synced clock the date means nothing: fall back to backoff.
  CHECK(!harbor::parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", false, 0, &d));
  CHECK(!harbor::parseRetryAfter("tomorrow", true, kDate, &d));
}
