// Sends buffered readings in batches and applies the Harbor's answer:
// commit, back off, bisect a refused batch, or wait out a configuration error.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/device.h"
#include "harbor/platform.h"
#include "harbor/shared_state.h"

namespace harbor {

// Readings stamped before the clock synced are sent without "time" only once
// the network has been up this long without a sync (SNTP needs the network),
// and then at most one per cargo per batch.
const uint32_t kUntimedGraceMs = 300000;
// With data waiting, the network up and no successful send for this long,
// restart the board: the network stack is wedged. The buffer lives in RAM and
// is lost, so never while Wi-Fi is down (the radio restart covers that) nor
// during a configuration error, which a restart cannot fix.
const uint32_t kRestartAfterMs = 6UL * 3600UL * 1000UL;
// How often to look again while the network is down.
const uint32_t kNetworkPollMs = 1000;
// Pause between the requests of a bisection: a batch with several refused
// readings must not run into the Harbor's per-second rate limit.
const uint32_t kBisectPaceMs = 500;

class Sender {
 public:
  Sender(const DeviceConfig& config, SharedState& shared, char* body, size_t bodyCapacity);

  // `shipId` and `url` must outlive the sender.
  void begin(const char* shipId, const char* url, uint64_t nowMs);
  // Send whatever is buffered without waiting for a batch to fill or age.
  void drain() { draining_ = true; }

  // Sends at most one batch, if one is due at `nowMs`.
  void step(uint64_t nowMs);
  // When step() next has something to do; UINT64_MAX when nothing is buffered.
  uint64_t nextWakeMs(uint64_t nowMs) const;

  bool inConfigError() const { return configFailures_ > 0; }
  uint32_t consecutiveFailures() const { return failures_; }
  size_t maxBodyBytes() const;

 private:
  struct Plan {
    uint64_t startSeq;
    size_t count;
    size_t length;
    bool full;          // a larger batch would not fit the limits
    bool blocked;       // the oldest reading waits for the clock
    bool unsendable;    // the oldest reading cannot be written at all
    uint64_t oldestMs;  // monotonic time the oldest reading was taken
  };

  Plan compose(uint64_t nowMs);
  bool due(const Plan& plan, uint64_t nowMs) const;
  void apply(const Plan& plan, const platform::HttpResponse& response, uint32_t elapsedMs,
             uint64_t nowMs);
  void status(const Plan& plan, const platform::HttpResponse& response, uint32_t elapsedMs,
              const char* outcome);
  size_t releaseLocked(uint64_t endSeq);
  void watchNetwork(uint64_t nowMs);
  void markSentUntimed(const Plan& plan);

  const DeviceConfig& config_;
  SharedState& shared_;
  char* body_;
  size_t bodyCapacity_;
  const char* shipId_;
  const char* url_;

  uint64_t netUpSinceMs_;     // when the network last came up; kNever while down
  uint64_t nextAttemptMs_;    // backoff, configuration-error wait or network poll
  uint64_t lastSuccessMs_;    // or the last time nothing was waiting
  uint64_t waitUntilMs_;      // when the buffered readings become due by age or clock
  uint64_t idleFrontSeq_;     // buffer contents when waitUntilMs_ was computed
  uint64_t idleEndSeq_;
  uint64_t suspectEndSeq_;    // readings below this hold one the Harbor refuses
  uint32_t failures_;         // consecutive retryable failures
  uint32_t configFailures_;   // consecutive configuration errors
  bool draining_;
  bool again_;                // just committed: look again at once
  bool idleValid_;
};

}  // namespace harbor
