#include "harbor/sampler.h"

#include <math.h>

#include "harbor/platform.h"

namespace harbor {

namespace {

const uint64_t kNever = ~static_cast<uint64_t>(0);  // no UINT64_MAX: some newlib builds hide it from C++
const double kTwoPi = 6.283185307179586;

}  // namespace

Sampler::Sampler(const DeviceConfig& config)
    : config_(config),
      count_(config.metricCount < HARBOR_MAX_METRICS ? config.metricCount : HARBOR_MAX_METRICS),
      stopped_(false) {
  for (size_t i = 0; i < HARBOR_MAX_METRICS; ++i) due_[i] = kNever;
}

void Sampler::start(uint64_t nowMs) {
  // An interval of 0 would spin the loop: such a metric is never sampled.
  for (size_t i = 0; i < count_; ++i) due_[i] = config_.metrics[i].intervalMs > 0 ? nowMs : kNever;
}

uint64_t Sampler::nextDueMs() const {
  if (stopped_) return kNever;
  uint64_t next = kNever;
  for (size_t i = 0; i < count_; ++i) {
    if (due_[i] < next) next = due_[i];
  }
  return next;
}

bool Sampler::read(const Metric& metric, uint64_t nowMs, SharedState& shared, double* value,
                   bool* failed) {
  double raw = 0;
  bool ok = true;
  *failed = false;
  switch (metric.source) {
    case Source::AnalogMillivolts:
      ok = platform::readAnalogMillivolts(metric.pin, &raw);
      break;
    case Source::Uptime:
      raw = static_cast<double>(nowMs / 1000);
      break;
    case Source::Simulated:
      // A pure function of monotonic time, so host runs are reproducible.
      raw = metric.simPeriodMs == 0
                ? 0.0
                : metric.simAmplitude *
                      sin(kTwoPi * static_cast<double>(nowMs % metric.simPeriodMs) /
                          static_cast<double>(metric.simPeriodMs));
      break;
    case Source::Dropped: {
      ScopedLock lock;
      raw = shared.ring.dropped();
      if (raw == 0) return false;  // a zero would only add noise
      break;
    }
    case Source::SendFailures: {
      ScopedLock lock;
      raw = shared.stats.sendFailures;
      break;
    }
    case Source::WifiRssi:
    case Source::FreeHeap:
    case Source::ChipTemperature:
    default:
      ok = platform::readBuiltin(metric.source, &raw);
      break;
  }
  if (ok) {
    *value = raw * metric.scale + metric.offset;
    // NaN or infinity is a failed read: JSON cannot carry it and the Harbor refuses it.
    ok = !isnan(*value) && !isinf(*value);
  }
  *failed = !ok;
  return ok;
}

void Sampler::sampleDue(uint64_t nowMs, SharedState& shared) {
  if (stopped_) return;
  for (size_t i = 0; i < count_; ++i) {
    if (due_[i] > nowMs) continue;
    const Metric& metric = config_.metrics[i];
    const uint64_t interval = metric.intervalMs;
    due_[i] += interval;
    if (due_[i] <= nowMs) due_[i] += ((nowMs - due_[i]) / interval + 1) * interval;

    // Stamped when taken: a slow sensor read before this one shifts it, not its label.
    const uint64_t takenMs = platform::monotonicMs();
    double value;
    bool failed;
    if (!read(metric, takenMs, shared, &value, &failed)) {
      if (failed) {
        ScopedLock lock;
        ++shared.stats.readFailures;
      }
      continue;
    }
    Record record;
    record.value = value;
    record.metricIndex = static_cast<uint8_t>(i);
    int64_t offsetMs;
    if (platform::utcOffsetMs(&offsetMs)) {
      record.timeMs = static_cast<int64_t>(takenMs) + offsetMs;
      record.flags = 0;
    } else {
      record.timeMs = static_cast<int64_t>(takenMs);
      record.flags = Record::kMonotonic;
    }
    ScopedLock lock;
    shared.ring.push(record);
    ++shared.stats.sampled;
    if (record.flags & Record::kMonotonic) shared.hasMonotonic = true;
  }
}

}  // namespace harbor
