// The built-in metrics: what the board itself can tell (Wi-Fi signal, free
// heap, uptime, chip temperature, an analog pin), a simulated sine for trying
// things out, and the firmware's own counters. Each reads instantly, once per
// interval, on a fixed grid (boot + k * interval), so readings do not drift.
#pragma once

#include <stdint.h>

#include "harbor/component.h"

namespace harbor {

class Uplink;

enum class MetricKind : uint32_t {
  WifiRssi,         // dBm
  FreeHeap,         // bytes
  Uptime,           // seconds since boot
  ChipTemperature,  // degrees Celsius, boards with an on-chip sensor
  Analog,           // calibrated millivolts, then value * scale + offset
  Simulated,        // offset + amplitude * sin(2*pi*t/period), t = ms since boot
  Dropped,          // readings the full buffer dropped since boot (sent only when non-zero)
  SendFailures,     // failed send attempts since boot
  SensorErrors,     // failed sensor reads since boot
  Missed,           // sampling slots missed while the loop was busy (sent only when non-zero)
};

// 32-bit words and doubles only: the generated table may live in HARBOR_FLASH.
struct MetricSpec {
  uint32_t kind;  // MetricKind
  uint32_t intervalMs;
  int32_t pin;       // Analog only, else -1
  uint32_t periodMs; // Simulated only
  double scale;      // value = raw * scale + offset (1, 0 when unused)
  double offset;
  double amplitude;  // Simulated only
};

class BuiltinMetric : public Component {
 public:
  BuiltinMetric(const MetricSpec& spec, const Uplink& uplink) : spec_(spec), uplink_(uplink), dueMs_(0) {}

  const char* name() const override;
  void begin(uint64_t nowMs) override;
  uint64_t run(uint64_t nowMs, Emitter& out) override;

  // One reading at monotonic `nowMs`, scaled; false when there is nothing to
  // record (a failed read: *failed is set; or Dropped or Missed at 0).
  static bool read(const MetricSpec& spec, const Uplink& uplink, uint64_t nowMs, double* value,
                   bool* failed);

 private:
  const MetricSpec& spec_;
  const Uplink& uplink_;
  uint64_t dueMs_;
};

}  // namespace harbor
