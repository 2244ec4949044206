// Takes each metric's readings on its own fixed schedule and buffers them,
// stamped when taken. Never touches the network.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/device.h"
#include "harbor/shared_state.h"

// Metrics beyond this many are ignored (and said so at boot); a build flag can raise it.
#ifndef HARBOR_MAX_METRICS
#define HARBOR_MAX_METRICS 32
#endif

namespace harbor {

class Sampler {
 public:
  explicit Sampler(const DeviceConfig& config);

  // Every metric is first due at `nowMs`.
  void start(uint64_t nowMs);
  void stop() { stopped_ = true; }
  bool stopped() const { return stopped_; }
  size_t metricCount() const { return count_; }

  // Takes every reading due by `nowMs`. The next due time is the previous one
  // plus the interval, so readings do not drift; a metric that fell more than
  // an interval behind skips ahead instead of bursting to catch up.
  void sampleDue(uint64_t nowMs, SharedState& shared);

  // Monotonic time of the next reading; UINT64_MAX when there is none.
  uint64_t nextDueMs() const;

  // One reading of `metric` at monotonic time `nowMs`, already scaled.
  // False when there is nothing to record (a failed read, or Dropped at 0).
  static bool read(const Metric& metric, uint64_t nowMs, SharedState& shared, double* value,
                   bool* failed);

 private:
  const DeviceConfig& config_;
  size_t count_;
  bool stopped_;
  uint64_t due_[HARBOR_MAX_METRICS];
};

}  // namespace harbor
