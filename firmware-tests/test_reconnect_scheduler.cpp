#include <stdint.h>

#include <deque>

#include "check.h"
#include "harbor/reconnect_scheduler.h"

using harbor::ReconnectScheduler;
using harbor::ReconnectTiming;

namespace {

// The adapters' settings: the ESP32s and the ESP8266 (asynchronous join) and
// the Pico W (blocking join, so a slower start).
const ReconnectTiming kEsp = {1000, 60000, 6, 20000, 3ULL * 60 * 1000};
const ReconnectTiming kPico = {2000, 60000, 5, 0, 3ULL * 60 * 1000};

std::deque<uint32_t> gRandoms;
uint32_t gRandomDefault = 0;
int gDraws = 0;

uint32_t scriptedRandom() {
  ++gDraws;
  if (gRandoms.empty()) return gRandomDefault;
  const uint32_t r = gRandoms.front();
  gRandoms.pop_front();
  return r;
}

void resetRandom(uint32_t fallback) {
  gRandoms.clear();
  gRandomDefault = fallback;
  gDraws = 0;
}

uint32_t xorshift(uint32_t* x) {
  *x ^= *x << 13;
  *x ^= *x >> 17;
  *x ^= *x << 5;
  return *x;
}

}  // namespace

TEST_CASE("reconnect: backoff windows double from the base to the cap") {
  // window = min(base << min(attempt, maxShift), cap); the wait is base/2 + random % window.
  const uint32_t espWindows[] = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000};
  for (uint32_t attempt = 0; attempt < 9; ++attempt) {
    CHECK_CONTEXT("esp attempt " + check::show(attempt));
    CHECK_EQ(harbor::reconnectBackoffMs(kEsp, attempt, 0), 500u);
    CHECK_EQ(harbor::reconnectBackoffMs(kEsp, attempt, espWindows[attempt] - 1), 500u + espWindows[attempt] - 1);
    CHECK_EQ(harbor::reconnectBackoffMs(kEsp, attempt, espWindows[attempt]), 500u);
  }
  const uint32_t picoWindows[] = {2000, 4000, 8000, 16000, 32000, 60000, 60000};
  for (uint32_t attempt = 0; attempt < 7; ++attempt) {
    CHECK_CONTEXT("pico attempt " + check::show(attempt));
    CHECK_EQ(harbor::reconnectBackoffMs(kPico, attempt, picoWindows[attempt] - 1), 1000u + picoWindows[attempt] - 1);
  }
  CHECK_EQ(harbor::reconnectBackoffMs(kEsp, UINT32_MAX, UINT32_MAX), 500u + UINT32_MAX % 60000u);
}

TEST_CASE("reconnect: jittered waits stay in [base/2, base/2 + window) and spread over it") {
  uint32_t x = 2463534242u;
  for (uint32_t attempt = 0; attempt < 10; ++attempt) {
    CHECK_CONTEXT("attempt " + check::show(attempt));
    uint64_t window = 1000ULL << (attempt < 6 ? attempt : 6);
    if (window > 60000) window = 60000;
    uint32_t lowest = UINT32_MAX;
    uint32_t highest = 0;
    for (int i = 0; i < 4000; ++i) {
      const uint32_t wait = harbor::reconnectBackoffMs(kEsp, attempt, xorshift(&x));
      if (wait < lowest) lowest = wait;
      if (wait > highest) highest = wait;
    }
    CHECK(lowest >= 500u);
    CHECK(highest < 500u + window);
    // Full jitter: the draws reach both ends of the window, not a fixed delay.
    CHECK(lowest < 500u + window / 20);
    CHECK(highest > 500u + window - window / 20);
  }
}

TEST_CASE("reconnect: the radio restarts after minutes without an IP, then not again for as long") {
  const uint64_t r = kEsp.radioRestartMs;
  CHECK(!harbor::radioRestartDue(kEsp, r - 1, 0, 0));
  CHECK(harbor::radioRestartDue(kEsp, r, 0, 0));
  // An address seen recently holds it off.
  CHECK(!harbor::radioRestartDue(kEsp, r + 10, 11, 0));
  // So does a recent restart.
  CHECK(!harbor::radioRestartDue(kEsp, r + 10, 0, 11));
  CHECK(harbor::radioRestartDue(kEsp, 2 * r, 0, r));
}

TEST_CASE("reconnect: joins at boot, then after a growing jittered backoff") {
  resetRandom(UINT32_MAX);  // the far end of every window
  ReconnectScheduler s(kEsp, scriptedRandom);
  s.begin(1000);
  ReconnectScheduler::Step step = s.poll(1000, false, false);
  CHECK(step.join);
  CHECK(!step.restartRadio);
  CHECK(!step.gotIp);
  CHECK(!step.lostIp);
  s.joinStarted(1000);
  CHECK_EQ(s.attempts(), 1u);
  CHECK_EQ(s.nextJoinMs(), 1000u + 500u + UINT32_MAX % 1000u);

  // Each failed join (the driver gave up: joining is false) waits longer.
  uint64_t now = 1000;
  const uint32_t windows[] = {2000, 4000, 8000, 16000, 32000, 60000, 60000};
  for (int i = 0; i < 7; ++i) {
    CHECK_CONTEXT("join " + check::show(i + 2));
    const uint64_t next = s.nextJoinMs();
    CHECK(!s.poll(next - 1, false, false).join);
    now = next;
    CHECK(s.poll(now, false, false).join);
    s.joinStarted(now);
    CHECK_EQ(s.nextJoinMs(), now + 500u + UINT32_MAX % windows[i]);
  }
}

TEST_CASE("reconnect: a pending asynchronous join is left alone until it times out") {
  resetRandom(0);  // the shortest waits: 500 ms
  ReconnectScheduler s(kEsp, scriptedRandom);
  s.begin(0);
  CHECK(s.poll(0, false, false).join);
  s.joinStarted(0);
  // Due again at 500 ms, but the driver is still joining.
  CHECK(!s.poll(600, false, true).join);
  CHECK(!s.poll(19999, false, true).join);
  CHECK(s.poll(20000, false, true).join);
  // A blocking join never reports `joining`: due at once.
  ReconnectScheduler pico(kPico, scriptedRandom);
  pico.begin(0);
  CHECK(pico.poll(0, false, false).join);
  pico.joinStarted(10000);  // the blocking join returned after 10 s
  CHECK_EQ(pico.nextJoinMs(), 11000u);
  CHECK(!pico.poll(10999, false, false).join);
  CHECK(pico.poll(11000, false, false).join);
}

TEST_CASE("reconnect: an address resets the backoff; losing it waits one short backoff") {
  resetRandom(999);
  ReconnectScheduler s(kEsp, scriptedRandom);
  s.begin(0);
  for (uint64_t t = 0; t < 5; ++t) {
    s.poll(s.nextJoinMs(), false, false);
    s.joinStarted(s.nextJoinMs());
  }
  CHECK_EQ(s.attempts(), 5u);

  ReconnectScheduler::Step step = s.poll(100000, true, false);
  CHECK(step.gotIp);
  CHECK(!step.join);
  CHECK(s.up());
  CHECK_EQ(s.attempts(), 0u);
  CHECK(!s.poll(100100, true, false).gotIp);  // said once

  const int drawsBefore = gDraws;
  step = s.poll(200000, false, false);
  CHECK(step.lostIp);
  CHECK(!step.join);
  CHECK(!s.up());
  CHECK_EQ(gDraws, drawsBefore + 1);
  CHECK_EQ(s.nextJoinMs(), 200000u + 500u + 999u);
  CHECK(!s.poll(200100, false, false).lostIp);  // said once
  CHECK(s.poll(201499, false, false).join);
  s.joinStarted(201499);
  // Counted from attempt 0 again.
  CHECK_EQ(s.nextJoinMs(), 201499u + 500u + 999u);
}

TEST_CASE("reconnect: no address for 3 min restarts the radio and joins at once, once per 3 min") {
  resetRandom(UINT32_MAX);
  ReconnectScheduler s(kEsp, scriptedRandom);
  s.begin(0);
  uint64_t now = 0;
  int restarts = 0;
  uint64_t firstRestart = 0;
  // Poll every 100 ms for 7 minutes without ever getting an address.
  for (now = 0; now <= 7ULL * 60 * 1000; now += 100) {
    const ReconnectScheduler::Step step = s.poll(now, false, false);
    if (step.restartRadio) {
      CHECK(step.join);
      CHECK_EQ(s.attempts(), 0u);
      if (restarts == 0) firstRestart = now;
      ++restarts;
    }
    if (step.join) s.joinStarted(now);
  }
  CHECK_EQ(restarts, 2);
  CHECK_EQ(firstRestart, kEsp.radioRestartMs);
  // After a restart the backoff starts over from the base.
  resetRandom(0);
  ReconnectScheduler t(kEsp, scriptedRandom);
  t.begin(0);
  for (int i = 0; i < 8; ++i) t.joinStarted(0);
  const ReconnectScheduler::Step step = t.poll(kEsp.radioRestartMs, false, false);
  CHECK(step.restartRadio);
  CHECK(step.join);
  t.joinStarted(kEsp.radioRestartMs);
  CHECK_EQ(t.nextJoinMs(), kEsp.radioRestartMs + 500u);
}

TEST_CASE("reconnect: a pending join holds off the radio restart too") {
  resetRandom(0);
  ReconnectScheduler s(kEsp, scriptedRandom);
  s.begin(0);
  const uint64_t r = kEsp.radioRestartMs;
  s.joinStarted(r - 1000);
  CHECK(!s.poll(r, false, true).restartRadio);
  const ReconnectScheduler::Step step = s.poll(r - 1000 + kEsp.joinTimeoutMs, false, true);
  CHECK(step.restartRadio);
  CHECK(step.join);
}
