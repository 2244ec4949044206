#include "harbor/builtin_metrics.h"

#include <math.h>

#include "harbor/flash_data.h"
#include "harbor/platform.h"
#include "harbor/uplink.h"

namespace harbor {

namespace {

const uint64_t kNever = ~static_cast<uint64_t>(0);
const double kTwoPi = 6.283185307179586;

}  // namespace

const char* BuiltinMetric::name() const {
  switch (static_cast<MetricKind>(flash::read(spec_.kind))) {
    case MetricKind::WifiRssi:
      return HARBOR_TEXT("rssi");
    case MetricKind::FreeHeap:
      return HARBOR_TEXT("free_heap");
    case MetricKind::Uptime:
      return HARBOR_TEXT("uptime");
    case MetricKind::ChipTemperature:
      return HARBOR_TEXT("chip_temp");
    case MetricKind::Analog:
      return HARBOR_TEXT("analog");
    case MetricKind::Simulated:
      return HARBOR_TEXT("simulated");
    case MetricKind::Dropped:
      return HARBOR_TEXT("dropped");
    case MetricKind::SendFailures:
      return HARBOR_TEXT("send_failures");
    case MetricKind::SensorErrors:
      return HARBOR_TEXT("sensor_errors");
    default:
      return HARBOR_TEXT("missed");
  }
}

void BuiltinMetric::begin(uint64_t nowMs) { dueMs_ = nowMs; }

bool BuiltinMetric::read(const MetricSpec& specRef, const Uplink& uplink, uint64_t nowMs,
                         double* value, bool* failed) {
  const MetricSpec spec = flash::read(specRef);
  double raw = 0;
  bool ok = true;
  *failed = false;
  switch (static_cast<MetricKind>(spec.kind)) {
    case MetricKind::WifiRssi:
      ok = platform::readBuiltin(platform::Builtin::WifiRssi, &raw);
      break;
    case MetricKind::FreeHeap:
      ok = platform::readBuiltin(platform::Builtin::FreeHeap, &raw);
      break;
    case MetricKind::ChipTemperature:
      ok = platform::readBuiltin(platform::Builtin::ChipTemperature, &raw);
      break;
    case MetricKind::Analog:
      ok = platform::readAnalogMillivolts(spec.pin, &raw);
      break;
    case MetricKind::Uptime:
      raw = static_cast<double>(nowMs / 1000);
      break;
    case MetricKind::Simulated:
      // A pure function of monotonic time, so host runs are reproducible.
      raw = spec.periodMs == 0 ? 0.0
                               : spec.amplitude * sin(kTwoPi * static_cast<double>(nowMs % spec.periodMs) /
                                                      static_cast<double>(spec.periodMs));
      break;
    case MetricKind::Dropped:
      raw = uplink.stats().dropped;
      if (raw == 0) return false;  // a zero would only add noise
      break;
    case MetricKind::SendFailures:
      raw = uplink.stats().sendFailures;
      break;
    case MetricKind::SensorErrors:
      raw = uplink.stats().readFailures;
      break;
    case MetricKind::Missed:
      raw = uplink.stats().missed;
      if (raw == 0) return false;
      break;
    default:
      ok = false;
      break;
  }
  if (ok) {
    *value = raw * spec.scale + spec.offset;
    // NaN or infinity is a failed read: JSON cannot carry it and the Harbor refuses it.
    ok = !isnan(*value) && !isinf(*value);
  }
  *failed = !ok;
  return ok;
}

uint64_t BuiltinMetric::run(uint64_t nowMs, Emitter& out) {
  const uint32_t interval = flash::read(spec_.intervalMs);
  // An interval of 0 would spin the loop: such a metric is never sampled.
  if (interval == 0) return kNever;
  if (nowMs < dueMs_) return dueMs_;
  const uint32_t skipped = skipMissedSlots(&dueMs_, nowMs, interval);
  if (skipped > 0) out.missed(skipped);
  dueMs_ += interval;
  double value;
  bool failed;
  if (read(spec_, uplink_, nowMs, &value, &failed)) {
    out.emit(0, value, nowMs);
  } else if (failed) {
    out.fail(ReadError::None);
  }
  return dueMs_;
}

}  // namespace harbor
