// Sends buffered readings in batches and applies the Harbor's answer:
// commit, back off, bisect a refused batch, or wait out a configuration error.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/platform.h"
#include "harbor/shared_state.h"
#include "harbor/uplink_types.h"

namespace harbor {

// Readings stamped before the clock was known are sent without "time" only once
// the network has been up this long with neither SNTP nor a Date header
// setting the clock, and then at most one per cargo per batch. The first
// answer's Date header then stamps all the others.
const uint32_t kUntimedGraceMs = 120000;
// How often to look again while the network is down.
const uint32_t kNetworkPollMs = 1000;
// Pause between the requests of a bisection: a batch with several refused
// readings must not run into the Harbor's per-second rate limit.
const uint32_t kBisectPaceMs = 500;

class Sender {
 public:
  Sender(const UplinkConfig& config, SharedState& shared, char* body, size_t bodyCapacity);

  // `shipId` and `url` must outlive the sender.
  void begin(const char* shipId, const char* url, uint64_t nowMs);
  // Send whatever is buffered without waiting for a batch to fill or age.
  void drain(bool on) { draining_ = on; }
  bool draining() const { return draining_; }

  // Sends at most one batch, if one is due at `nowMs`.
  void step(uint64_t nowMs);
  // When step() next has something to do; ~0 when nothing is buffered.
  uint64_t nextWakeMs(uint64_t nowMs) const;

  void onStatus(StatusCallback callback, void* arg) {
    callback_ = callback;
    callbackArg_ = arg;
  }

  bool inConfigError() const { return configFailures_ > 0; }
  uint64_t retryAtMs() const { return nextAttemptMs_; }
  uint32_t consecutiveFailures() const { return failures_; }
  size_t maxBodyBytes() const;

 private:
  struct Plan {
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
  void report(const Plan& plan, const platform::HttpResponse& response, uint32_t elapsedMs,
              const char* outcome);
  void watchNetwork(uint64_t nowMs);
  void markSentUntimed(const Plan& plan);
  void release(size_t n);
  void learnTime(const platform::HttpResponse& response, uint64_t atMs);

  const UplinkConfig& config_;
  SharedState& shared_;
  char* body_;
  size_t bodyCapacity_;
  const char* shipId_;
  const char* url_;
  StatusCallback callback_;
  void* callbackArg_;

  uint64_t netUpSinceMs_;     // when the network last came up; kNever while down
  uint64_t nextAttemptMs_;    // backoff, configuration-error wait or network poll
  uint64_t waitUntilMs_;      // when the buffered readings become due by age or clock
  size_t idleSize_;           // buffer size when waitUntilMs_ was computed
  size_t suspectCount_;       // the oldest this many hold a reading the Harbor refuses
  size_t uncertain_;          // the oldest this many were sent without an answer: maybe stored
  uint32_t failures_;         // consecutive retryable failures
  uint32_t configFailures_;   // consecutive configuration errors
  volatile bool draining_;  // set by flush() in the caller's task
  bool again_;                // just committed: look again at once
  bool idleValid_;
};

}  // namespace harbor
