// When a board adapter should (re)join Wi-Fi and when it should restart the
// radio. Pure bookkeeping on the monotonic clock: the adapter drives the radio
// and tells this what happened, so the timing is the same on every board and
// is tested on the host.
#pragma once

#include <stdint.h>

namespace harbor {

struct ReconnectTiming {
  uint32_t backoffBaseMs;   // the first wait lies in [base/2, base/2 + base)
  uint32_t backoffCapMs;    // the random part of a wait never spans more than this
  uint8_t backoffMaxShift;  // doublings of the base before the cap takes over
  uint64_t joinTimeoutMs;   // an asynchronous join still pending after this is given up
  uint64_t radioRestartMs;  // restart the radio after this long without an IP, at most once per this long
};

// Full jitter over a window that doubles with each attempt:
// base/2 + random % min(base << min(attempt, maxShift), cap). Never zero, so a
// fleet that lost the same access point does not come back in lockstep.
uint32_t reconnectBackoffMs(const ReconnectTiming& timing, uint32_t attempt, uint32_t random);

// True once the board has gone `radioRestartMs` without an IP address and has
// not restarted the radio for as long.
bool radioRestartDue(const ReconnectTiming& timing, uint64_t nowMs, uint64_t lastIpMs,
                     uint64_t lastRestartMs);

// The join schedule of an adapter that starts joins itself (a board whose
// driver reconnects from its own events only needs the two functions above).
class ReconnectScheduler {
 public:
  // What poll() asks of the adapter, in this order.
  struct Step {
    bool gotIp;         // the address has just arrived: say so
    bool lostIp;        // the address has just gone: say so
    bool restartRadio;  // switch the radio off and on (join is then set too)
    bool join;          // start a join now, then call joinStarted()
  };

  // `random32` is the board's uniform random source (platform::random32).
  ReconnectScheduler(const ReconnectTiming& timing, uint32_t (*random32)());

  // At boot: "without an IP" and "since the last radio restart" count from
  // now, and a join is due at once.
  void begin(uint64_t nowMs);
  // Every loop. `joining`: an asynchronous join the adapter started is still
  // pending (always false where the join call blocks until it ends).
  Step poll(uint64_t nowMs, bool hasIp, bool joining);
  // The adapter started a join at `atMs` (where the join call blocks: it
  // returned at `atMs`); the next one waits a jittered backoff from then.
  void joinStarted(uint64_t atMs);

  // The address was there at the last poll().
  bool up() const { return up_; }
  // Joins since the address was last seen or the radio restarted.
  uint32_t attempts() const { return attempts_; }
  uint64_t nextJoinMs() const { return nextJoinMs_; }

 private:
  ReconnectTiming timing_;
  uint32_t (*random32_)();
  bool up_;
  uint32_t attempts_;
  uint64_t lastIpMs_;
  uint64_t lastRestartMs_;
  uint64_t joinStartedMs_;
  uint64_t nextJoinMs_;
};

}  // namespace harbor
