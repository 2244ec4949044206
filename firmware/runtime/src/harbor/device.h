// Public API of the Harbor runtime, used by the generated src/main.cpp.
// Portable C++11: no Arduino, ESP-IDF or OS calls here; those live behind
// harbor/platform.h, implemented once per platform (lib/harbor_platform).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace harbor {

// Where a metric's value comes from. Sensors will add their own sources.
enum class Source : uint8_t {
  WifiRssi,          // dBm
  FreeHeap,          // bytes
  Uptime,            // seconds since boot
  ChipTemperature,   // degrees Celsius, boards with an on-chip sensor
  AnalogMillivolts,  // calibrated ADC reading, then value * scale + offset
  Simulated,         // deterministic sine: base + amplitude * sin(2*pi*t/period)
  Dropped,           // readings dropped by the full buffer since boot
  SendFailures,      // failed send attempts since boot
};

struct Metric {
  const char* cargoId;   // 1-100 characters, validated by the generator
  Source source;
  uint32_t intervalMs;
  int16_t pin;           // AnalogMillivolts only, else -1
  double scale;          // value = raw * scale + offset (1, 0 when unused)
  double offset;
  double simAmplitude;   // Simulated only
  uint32_t simPeriodMs;  // Simulated only
};

struct BatchLimits {
  uint16_t maxRecords;   // default 50
  uint32_t maxBytes;     // default 12288: the JSON body never exceeds this
  uint32_t maxAgeMs;     // default 30000: the oldest unsent reading waits at most this long
};

struct DeviceConfig {
  const char* shipId;        // fixed ship id, or nullptr to derive "<shipIdPrefix>-<mac6>" at run time
  const char* shipIdPrefix;  // e.g. "esp32"
  const char* baseUrl;       // e.g. "https://harborscale.com/api/v2/ingest" (no trailing slash)
  const char* harborId;      // "" for a self-hosted server, whose paths carry none
  const char* apiKey;
  const char* wifiSsid;
  const char* wifiPassword;  // "" for an open network
  const char* caPem;         // root CA certificates (PEM, may hold several); nullptr = platform bundle
  bool tlsInsecure;          // only when the user asked for it; announced at boot
  BatchLimits batch;
  const Metric* metrics;
  uint8_t metricCount;
};

// One buffered reading: fixed size, no heap.
struct Record {
  int64_t timeMs;       // UTC epoch ms, or monotonic ms when kMonotonic is set
  double value;
  uint8_t metricIndex;  // index into DeviceConfig::metrics
  uint8_t flags;
  static const uint8_t kMonotonic = 1;  // stamped before the clock was synced
  // Once sent without "time" it is always resent without: with a time, a retry
  // after a lost answer would be stored a second time under another key.
  static const uint8_t kSentUntimed = 2;
};

struct Stats {
  uint32_t sampled;
  uint32_t readFailures;   // sensor reads that failed and were skipped
  uint32_t delivered;      // records committed by a 2xx
  uint32_t dropped;        // oldest readings overwritten by a full buffer
  uint32_t rejected;       // records dropped because the Harbor refused them alone
  uint32_t requests;       // HTTP attempts, including failed ones
  uint32_t sendFailures;   // attempts that did not end in 2xx
  uint32_t buffered;       // records waiting now
};

}  // namespace harbor
