#include "harbor/retry_policy.h"

#include "harbor/civil_time.h"

namespace harbor {

Verdict classifyStatus(int status) {
  if (status >= 200 && status < 300) return Verdict::Commit;
  switch (status) {
    case 400:
    case 413:
    case 422:
      return Verdict::Bisect;
    case 401:
    case 403:
    case 404:
      return Verdict::ConfigError;
    case 408:
    case 429:
      return Verdict::Retry;
    default:
      break;
  }
  // A redirect means the URL is wrong (http:// for https://, a moved host):
  // a configuration problem, and the data is kept until it is fixed.
  if (status >= 300 && status < 400) return Verdict::ConfigError;
  if (status >= 400 && status < 500) return Verdict::Drop;
  // 5xx, transport failures (0) and anything unexpected: keep the data.
  return Verdict::Retry;
}

bool honoursRetryAfter(int status) { return status == 429 || status == 503; }

uint32_t backoffCeilingMs(uint32_t failures) {
  uint64_t ceiling = kBackoffBaseMs;
  for (uint32_t i = 1; i < failures && ceiling < kBackoffCapMs; ++i) ceiling *= 2;
  return ceiling < kBackoffCapMs ? static_cast<uint32_t>(ceiling) : kBackoffCapMs;
}

uint32_t backoffDelayMs(uint32_t failures, uint32_t random) {
  const uint64_t span = static_cast<uint64_t>(backoffCeilingMs(failures)) + 1;
  return static_cast<uint32_t>(random % span);
}

uint32_t configRetryDelayMs(uint32_t failures) {
  uint32_t delay = kConfigRetryFirstMs;
  for (uint32_t i = 1; i < failures && delay < kConfigRetryMaxMs; ++i) delay *= 2;
  return delay < kConfigRetryMaxMs ? delay : kConfigRetryMaxMs;
}

namespace {

uint32_t clampRetryAfter(int64_t ms) {
  if (ms < kRetryAfterMinMs) return kRetryAfterMinMs;
  if (ms > kRetryAfterMaxMs) return kRetryAfterMaxMs;
  return static_cast<uint32_t>(ms);
}

}  // namespace

bool parseRetryAfter(const char* value, bool utcKnown, int64_t nowUtcMs, uint32_t* delayMs) {
  if (value == 0) return false;
  const char* p = value;
  while (*p == ' ' || *p == '\t') ++p;
  if (*p == '\0') return false;

  if (*p >= '0' && *p <= '9') {
    int64_t seconds = 0;
    while (*p >= '0' && *p <= '9') {
      // Saturate instead of overflowing on an absurd number of digits.
      if (seconds < 1000000000) seconds = seconds * 10 + (*p - '0');
      ++p;
    }
    while (*p == ' ' || *p == '\t') ++p;
    if (*p != '\0') return false;
    *delayMs = clampRetryAfter(seconds * 1000);
    return true;
  }

  int64_t atMs;
  if (!utcKnown || !parseHttpDate(p, &atMs)) return false;
  *delayMs = clampRetryAfter(atMs - nowUtcMs);
  return true;
}

}  // namespace harbor
