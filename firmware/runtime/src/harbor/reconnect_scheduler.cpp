#include "harbor/reconnect_scheduler.h"

namespace harbor {

uint32_t reconnectBackoffMs(const ReconnectTiming& timing, uint32_t attempt, uint32_t random) {
  uint32_t shift = attempt < timing.backoffMaxShift ? attempt : timing.backoffMaxShift;
  if (shift > 32) shift = 32;  // the cap has long taken over; keeps the shift defined
  uint64_t window = static_cast<uint64_t>(timing.backoffBaseMs) << shift;
  if (window > timing.backoffCapMs) window = timing.backoffCapMs;
  const uint32_t floor = timing.backoffBaseMs / 2;
  if (window == 0) return floor;
  return floor + static_cast<uint32_t>(random % window);
}

bool radioRestartDue(const ReconnectTiming& timing, uint64_t nowMs, uint64_t lastIpMs,
                     uint64_t lastRestartMs) {
  return nowMs - lastIpMs >= timing.radioRestartMs && nowMs - lastRestartMs >= timing.radioRestartMs;
}

ReconnectScheduler::ReconnectScheduler(const ReconnectTiming& timing, uint32_t (*random32)())
    : timing_(timing),
      random32_(random32),
      up_(false),
      attempts_(0),
      lastIpMs_(0),
      lastRestartMs_(0),
      joinStartedMs_(0),
      nextJoinMs_(0) {}

void ReconnectScheduler::begin(uint64_t nowMs) {
  up_ = false;
  attempts_ = 0;
  lastIpMs_ = nowMs;
  lastRestartMs_ = nowMs;
  joinStartedMs_ = nowMs;
  nextJoinMs_ = nowMs;
}

ReconnectScheduler::Step ReconnectScheduler::poll(uint64_t nowMs, bool hasIp, bool joining) {
  Step step = {false, false, false, false};
  if (hasIp) {
    step.gotIp = !up_;
    up_ = true;
    attempts_ = 0;
    lastIpMs_ = nowMs;
    return step;
  }
  if (up_) {
    up_ = false;
    step.lostIp = true;
    // Not at once: the access point may be rebooting, and so is everyone else's board.
    nextJoinMs_ = nowMs + reconnectBackoffMs(timing_, 0, random32_());
  }
  if (joining && nowMs - joinStartedMs_ < timing_.joinTimeoutMs) return step;
  if (radioRestartDue(timing_, nowMs, lastIpMs_, lastRestartMs_)) {
    step.restartRadio = true;
    attempts_ = 0;
    lastRestartMs_ = nowMs;
    nextJoinMs_ = nowMs;
  }
  step.join = nowMs >= nextJoinMs_;
  return step;
}

void ReconnectScheduler::joinStarted(uint64_t atMs) {
  joinStartedMs_ = atMs;
  nextJoinMs_ = atMs + reconnectBackoffMs(timing_, attempts_, random32_());
  ++attempts_;
}

}  // namespace harbor
