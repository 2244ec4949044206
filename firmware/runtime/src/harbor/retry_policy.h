// What to do with a Harbor answer, and how long to wait before the next try.
// Pure functions: the sender applies them, tests check them row by row.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace harbor {

const uint32_t kBackoffBaseMs = 2000;
const uint32_t kBackoffCapMs = 300000;          // 5 min
const uint32_t kRetryAfterMinMs = 1000;
// 1 h: the Harbor asked us to wait and is obeyed that long, but a broken or
// hostile header must not park a board for days.
const uint32_t kRetryAfterMaxMs = 3600000;
const uint32_t kConfigRetryFirstMs = 900000;    // 15 min
const uint32_t kConfigRetryMaxMs = 3600000;     // 1 h

enum class Verdict : uint8_t {
  Commit,       // 2xx: the Harbor has the batch
  Retry,        // 408, 429, 5xx, transport error: keep the batch, back off
  Bisect,       // 400, 413, 422: some reading is refused; split to find it
  ConfigError,  // 401, 403, 404 (and redirects): keep the data, retry slowly, tell the user
  Drop,         // any other 4xx: resending the same bytes cannot help
};

// `status` 0 means the exchange failed before an answer (connect, TLS, timeout).
Verdict classifyStatus(int status);

// Retry-After is honoured on 429 and 503, the two answers that define it for us.
bool honoursRetryAfter(int status);

// Upper bound of the full-jitter delay after `failures` consecutive failures
// (1 = the first): min(cap, base * 2^(failures-1)).
uint32_t backoffCeilingMs(uint32_t failures);
// Full jitter: uniform in [0, backoffCeilingMs(failures)] from one random draw.
uint32_t backoffDelayMs(uint32_t failures, uint32_t random);

// Delay before retrying after `failures` consecutive configuration errors:
// 15 min, 30 min, then 1 h.
uint32_t configRetryDelayMs(uint32_t failures);

// Retry-After as delta-seconds or HTTP-date, clamped to
// [kRetryAfterMinMs, kRetryAfterMaxMs]. The date form needs the current UTC
// (`utcKnown`); false when the value is absent, malformed or undatable, and
// the caller falls back to backoff.
bool parseRetryAfter(const char* value, bool utcKnown, int64_t nowUtcMs, uint32_t* delayMs);

}  // namespace harbor
