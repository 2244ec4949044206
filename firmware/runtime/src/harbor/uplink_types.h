// The plain data a harbor::Uplink is configured with and reports. Every
// configuration field is a pointer or a 32-bit word, so a configuration
// declared HARBOR_FLASH (flash_data.h) is read with aligned loads only.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/platform.h"

namespace harbor {

struct BatchLimits {
  uint32_t maxRecords;  // default 50
  uint32_t maxBytes;    // default 12288: the JSON body never exceeds this
  uint32_t maxAgeMs;    // default 30000: the oldest unsent reading waits at most this long
};

struct UplinkConfig {
  const char* shipId;        // fixed ship id, or nullptr / "" to derive "<shipIdPrefix>-<mac6>"
  const char* shipIdPrefix;  // e.g. "esp32"
  const char* baseUrl;       // e.g. "https://harborscale.com/api/v2/ingest" (no trailing slash)
  const char* harborId;      // "" for a self-hosted server, whose paths carry none
  const char* apiKey;
  const char* caPem;         // root CA certificates (PEM, may hold several); nullptr = platform bundle
  uint32_t tlsInsecure;      // nonzero only when the user asked for it; announced at boot
  BatchLimits batch;
  const char* const* cargos;  // the cargo ids declared up front; readings refer to them by index
  uint32_t cargoCount;
};

// Counters since boot. Always sampled == delivered + dropped + rejected + buffered.
struct Stats {
  uint32_t sampled;       // readings recorded into the buffer
  uint32_t delivered;     // committed by a 2xx
  uint32_t dropped;       // never sent: the buffer was full
  uint32_t rejected;      // refused by the Harbor on their own (a 400 split down to one, other 4xx)
  uint32_t buffered;      // waiting now
  uint32_t missed;        // sampling slots that passed while the loop was busy (single-threaded boards)
  uint32_t readFailures;  // sensor reads that failed and were skipped
  uint32_t refused;       // record() calls refused: a cargo past the table, a bad id or time, a non-finite value
  uint32_t requests;      // HTTP requests written, including those that failed
  uint32_t sendFailures;  // requests and attempts that did not end in 2xx
  uint32_t unpersisted;   // of those buffered, the ones a power cut now would lose (all, in RAM)
};

// One per HTTP attempt, to onStatus() callbacks.
struct SendStatus {
  uint32_t records;               // readings in the batch
  int status;                     // HTTP status, 0 when the exchange failed
  platform::TransportError error;
  uint32_t latencyMs;
  uint32_t buffered;              // readings waiting after the answer was applied
  uint32_t capacity;
  uint32_t dropped;               // since boot
  uint32_t retries;               // consecutive failures so far
  uint32_t nextAttemptMs;         // 0 when the next batch may go at once
};

typedef void (*StatusCallback)(const SendStatus& status, void* arg);

}  // namespace harbor
