#include "harbor/sender.h"

#include <stdio.h>
#include <string.h>

#include "harbor/flash_data.h"
#include "harbor/json_writer.h"
#include "harbor/log.h"
#include "harbor/retry_policy.h"
#include "harbor/utf8.h"

namespace harbor {

namespace {

const uint64_t kNever = ~static_cast<uint64_t>(0);  // no UINT64_MAX: some newlib builds hide it from C++

const char* transportName(platform::TransportError error) {
  switch (error) {
    case platform::TransportError::Connect:
      return HARBOR_TEXT("connect error");
    case platform::TransportError::Tls:
      return HARBOR_TEXT("TLS error");
    case platform::TransportError::Timeout:
      return HARBOR_TEXT("timeout");
    case platform::TransportError::Closed:
      return HARBOR_TEXT("connection closed");
    default:
      return HARBOR_TEXT("transport error");
  }
}

// "3.2 s", "15 min", "4 min 30 s": no %f, which some boards' printf lacks.
void formatDuration(uint32_t ms, char* out, size_t size) {
  const unsigned long s = ms / 1000;
  if (ms < 60000) {
    snprintf(out, size, HARBOR_TEXT("%lu.%lu s"), s, static_cast<unsigned long>(ms % 1000 / 100));
  } else if (s % 60 == 0) {
    snprintf(out, size, HARBOR_TEXT("%lu min"), s / 60);
  } else {
    snprintf(out, size, HARBOR_TEXT("%lu min %lu s"), s / 60, s % 60);
  }
}

// What the user must fix, naming the constant. The secrets header has a
// name per format (include/harbor_secrets.h, a sketch's secrets.h, the
// snippet's harbor_secrets.h, a library example's arduino_secrets.h).
// The key itself is never printed.
const char* configAdvice(int status) {
  switch (status) {
    case 401:
      return HARBOR_TEXT("Harbor refused the API key (401): check HARBOR_API_KEY in "
             "the secrets header");
    case 403:
      return HARBOR_TEXT("Harbor refused the API key (403: missing, expired or not allowed for this harbor): "
             "check HARBOR_API_KEY in the secrets header");
    case 404:
      return HARBOR_TEXT("Harbor does not know this harbor (404): check HARBOR_ID and HARBOR_BASE_URL in "
             "harbor_config.h");
    default:
      return HARBOR_TEXT("Harbor answered with a redirect: check HARBOR_BASE_URL in include/harbor_config.h "
             "(https:// and the host name)");
  }
}

}  // namespace

Sender::Sender(const UplinkConfig& config, SharedState& shared, char* body, size_t bodyCapacity)
    : config_(config),
      shared_(shared),
      body_(body),
      bodyCapacity_(bodyCapacity),
      shipId_(""),
      url_(""),
      callback_(0),
      callbackArg_(0),
      netUpSinceMs_(kNever),
      nextAttemptMs_(0),
      waitUntilMs_(0),
      idleSize_(0),
      suspectCount_(0),
      uncertain_(0),
      failures_(0),
      configFailures_(0),
      draining_(false),
      again_(false),
      idleValid_(false) {}

void Sender::begin(const char* shipId, const char* url, uint64_t nowMs) {
  shipId_ = shipId;
  url_ = url;
  netUpSinceMs_ = kNever;
  watchNetwork(nowMs);
}

// Notes when the network came up: the clock grace counts from there, not from boot.
void Sender::watchNetwork(uint64_t nowMs) {
  if (!platform::networkUp()) {
    netUpSinceMs_ = kNever;
  } else if (netUpSinceMs_ == kNever) {
    netUpSinceMs_ = nowMs;
    idleValid_ = false;  // the clock grace ends at a new time
  }
}

size_t Sender::maxBodyBytes() const {
  size_t limit = bodyCapacity_ > 0 ? bodyCapacity_ - 1 : 0;
  const uint32_t configured = flash::read(config_.batch.maxBytes);
  if (configured > 0 && configured < limit) limit = configured;
  return limit;
}

// The batch is always the oldest readings, in order: committing it is
// releasing a prefix of the store. Caller holds the lock.
Sender::Plan Sender::compose(uint64_t nowMs) {
  RecordStore& store = shared_.store;
  Plan plan;
  memset(&plan, 0, sizeof plan);

  const uint32_t maxRecords = flash::read(config_.batch.maxRecords);
  size_t cap = maxRecords > 0 ? maxRecords : 1;
  if (suspectCount_ > 0) {
    // Bisecting: send the first half of the readings known to hold a refused one.
    const size_t half = (suspectCount_ + 1) / 2;
    if (half < cap) cap = half;
  }
  const bool untimedAllowed =
      draining_ || (netUpSinceMs_ != kNever && nowMs - netUpSinceMs_ >= kUntimedGraceMs);
  uint32_t untimedSeen[8] = {0, 0, 0, 0, 0, 0, 0, 0};  // one bit per cargo index

  const size_t cargoCount = shared_.cargos.count();
  BatchWriter writer(body_, bodyCapacity_);
  writer.begin(maxBodyBytes());
  for (size_t i = 0; i < store.size() && writer.count() < cap; ++i) {
    const Record r = store.at(i);
    if (r.cargo >= cargoCount) {
      plan.unsendable = i == 0;
      break;
    }
    const bool sentUntimed = (r.flags & Record::kSentUntimed) != 0;
    const bool untimed = sentUntimed || (r.flags & Record::kMonotonic) != 0;
    if (untimed) {
      if (!untimedAllowed && !sentUntimed) {
        plan.blocked = i == 0;
        break;
      }
      // Two untimed readings of one cargo would get the same arrival time
      // and the Harbor would keep only one of them.
      uint32_t& word = untimedSeen[r.cargo >> 5];
      const uint32_t bit = 1UL << (r.cargo & 31);
      if (word & bit) {
        plan.full = true;
        break;
      }
      word |= bit;
    }
    if (!writer.add(shipId_, shared_.cargos.at(r.cargo), r.value, !untimed, recordTimeMs(r))) {
      if (i == 0) {
        plan.unsendable = true;
      } else {
        plan.full = true;
      }
      break;
    }
  }
  plan.count = writer.count();
  if (plan.count == cap) plan.full = true;
  if (plan.count > 0) plan.length = writer.finish();

  if (!store.empty()) {
    const Record oldest = store.at(0);
    int64_t taken = recordTimeMs(oldest);
    int64_t offsetMs;
    if (!(oldest.flags & Record::kMonotonic)) {
      taken = shared_.clock.offsetMs(&offsetMs) ? taken - offsetMs : 0;
    }
    // A clock step can put the estimate in the future; never wait longer for it.
    if (taken < 0) taken = 0;
    plan.oldestMs = static_cast<uint64_t>(taken) > nowMs ? nowMs : static_cast<uint64_t>(taken);
  }
  return plan;
}

bool Sender::due(const Plan& plan, uint64_t nowMs) const {
  if (plan.full || draining_) return true;
  // A retry, or the next half of a bisection, goes out as soon as allowed.
  if (failures_ > 0 || configFailures_ > 0) return true;
  if (suspectCount_ > 0) return true;
  return nowMs - plan.oldestMs >= flash::read(config_.batch.maxAgeMs);
}

void Sender::step(uint64_t nowMs) {
  watchNetwork(nowMs);
  if (nowMs < nextAttemptMs_) return;
  again_ = false;
  {
    ScopedLock lock;
    int64_t offsetMs;
    if (shared_.hasMonotonic && shared_.clock.offsetMs(&offsetMs)) {
      shared_.stampUtc(offsetMs);
      idleValid_ = false;  // readings that waited for the clock may be sendable now
    }
    if (shared_.store.empty()) {
      idleValid_ = false;
      return;
    }
    // Nothing changed since the last look and nothing is due yet: skip composing.
    if (idleValid_ && !draining_ && shared_.store.size() == idleSize_ && nowMs < waitUntilMs_) return;
  }
  if (netUpSinceMs_ == kNever) {
    nextAttemptMs_ = nowMs + kNetworkPollMs;
    return;
  }

  Plan plan;
  {
    ScopedLock lock;
    plan = compose(nowMs);
    idleSize_ = shared_.store.size();
  }
  if (plan.unsendable) {
    {
      ScopedLock lock;
      release(1);
      ++shared_.stats.rejected;
    }
    logText(HARBOR_TEXT("[harbor] dropped a reading that cannot be written within the batch limits"));
    again_ = true;
    idleValid_ = false;
    return;
  }
  if (plan.count == 0) {
    waitUntilMs_ = netUpSinceMs_ + kUntimedGraceMs;  // the network is up here
    idleValid_ = true;
    return;
  }
  if (!due(plan, nowMs)) {
    waitUntilMs_ = plan.oldestMs + flash::read(config_.batch.maxAgeMs);
    idleValid_ = true;
    return;
  }
  idleValid_ = false;
  {
    ScopedLock lock;
    // From here the Harbor may store them, whatever becomes of the answer.
    shared_.store.setPinned(plan.count > uncertain_ ? plan.count : uncertain_);
  }
  markSentUntimed(plan);

  platform::indicate(platform::Indicator::Sending);
  const uint64_t startMs = platform::monotonicMs();
  const platform::HttpResponse response = platform::httpPost(url_, flash::read(config_.apiKey), body_, plan.length);
  const uint64_t endMs = platform::monotonicMs();
  learnTime(response, endMs);
  apply(plan, response, static_cast<uint32_t>(endMs - startMs), endMs);
}

// Removes the `n` oldest readings, settled by an answer. Caller holds the lock.
void Sender::release(size_t n) {
  shared_.store.releaseFront(n);
  uncertain_ = uncertain_ > n ? uncertain_ - n : 0;
  shared_.store.setPinned(uncertain_);
}

// Flags the batch's untimed readings before the request: the Harbor may store
// them and the answer still be lost, so a retry must send them untimed again.
void Sender::markSentUntimed(const Plan& plan) {
  ScopedLock lock;
  RecordStore& store = shared_.store;
  for (size_t i = 0; i < plan.count && i < store.size(); ++i) {
    Record r = store.at(i);
    if ((r.flags & Record::kMonotonic) && !(r.flags & Record::kSentUntimed)) {
      r.flags = static_cast<uint8_t>(r.flags | Record::kSentUntimed);
      store.update(i, r);
    }
  }
}

// With SNTP silent, the answer's Date header sets the clock for the readings still waiting.
void Sender::learnTime(const platform::HttpResponse& response, uint64_t atMs) {
  bool first;
  {
    ScopedLock lock;
    first = shared_.clock.observeDate(response.date, atMs);
    int64_t offsetMs;
    if (shared_.hasMonotonic && shared_.clock.offsetMs(&offsetMs)) shared_.stampUtc(offsetMs);
  }
  if (first) {
    logText(HARBOR_TEXT("[harbor] SNTP has not set the clock: readings are stamped from the Harbor's "
                  "Date header (1 s resolution) until it does"));
  }
}

void Sender::apply(const Plan& plan, const platform::HttpResponse& response, uint32_t elapsedMs,
                   uint64_t nowMs) {
  const Verdict verdict = classifyStatus(response.status);
  const bool bisecting = suspectCount_ > 0;
  {
    ScopedLock lock;
    shared_.stats.requests += response.attempts;
    if (verdict != Verdict::Commit) ++shared_.stats.sendFailures;
    // Written, and no answer: the Harbor may have stored the batch, so a full
    // buffer must not drop it until an answer settles it. An answer, or a
    // request never written, settles this attempt (not an earlier lost one).
    if (response.status == 0 && response.attempts > 0 && plan.count > uncertain_) uncertain_ = plan.count;
    shared_.store.setPinned(uncertain_);
  }
  char outcome[160];
  char duration[24];
  switch (verdict) {
    case Verdict::Commit: {
      {
        ScopedLock lock;
        const size_t n = plan.count < shared_.store.size() ? plan.count : shared_.store.size();
        release(n);
        shared_.stats.delivered += static_cast<uint32_t>(n);
      }
      if (suspectCount_ > 0) suspectCount_ = suspectCount_ > plan.count ? suspectCount_ - plan.count : 0;
      const bool recovered = configFailures_ > 0;
      failures_ = 0;
      configFailures_ = 0;
      nextAttemptMs_ = 0;
      again_ = true;  // a full batch may be waiting: no reason to sit on it
      report(plan, response, elapsedMs, 0);
      if (recovered) logText(HARBOR_TEXT("[harbor] the Harbor accepts the data again"));
      platform::indicate(platform::Indicator::Ok);
      break;
    }
    case Verdict::Retry: {
      ++failures_;
      uint32_t delayMs = 0;
      int64_t offsetMs = 0;
      bool utcKnown;
      {
        ScopedLock lock;
        utcKnown = shared_.clock.offsetMs(&offsetMs);
      }
      if (!honoursRetryAfter(response.status) ||
          !parseRetryAfter(response.retryAfter, utcKnown, static_cast<int64_t>(nowMs) + offsetMs,
                           &delayMs)) {
        delayMs = backoffDelayMs(failures_, platform::random32());
      }
      nextAttemptMs_ = nowMs + delayMs;
      formatDuration(delayMs, duration, sizeof duration);
      snprintf(outcome, sizeof outcome, HARBOR_TEXT("retry in %s"), duration);
      report(plan, response, elapsedMs, outcome);
      platform::indicate(platform::Indicator::Offline);
      break;
    }
    case Verdict::Bisect: {
      failures_ = 0;
      if (plan.count > 1) {
        suspectCount_ = plan.count;
        report(plan, response, elapsedMs, "splitting the batch to find the refused reading");
      } else {
        char value[32] = "";
        const char* cargo = "";
        {
          ScopedLock lock;
          if (!shared_.store.empty()) {
            const Record r = shared_.store.at(0);
            formatNumber(r.value, value);
            cargo = shared_.cargos.at(r.cargo);
            release(1);
            ++shared_.stats.rejected;
          }
        }
        if (suspectCount_ > 0) --suspectCount_;
        char cargoText[64];
        copyChars(cargoText, sizeof cargoText, cargo, 30);
        snprintf(outcome, sizeof outcome, HARBOR_TEXT("dropped the refused reading %s = %s"), cargoText, value);
        report(plan, response, elapsedMs, outcome);
      }
      platform::indicate(platform::Indicator::Ok);
      break;
    }
    case Verdict::ConfigError: {
      failures_ = 0;
      ++configFailures_;
      const uint32_t delayMs = configRetryDelayMs(configFailures_);
      nextAttemptMs_ = nowMs + delayMs;
      formatDuration(delayMs, duration, sizeof duration);
      snprintf(outcome, sizeof outcome, HARBOR_TEXT("data kept, retry in %s"), duration);
      report(plan, response, elapsedMs, outcome);
      char line[200];
      snprintf(line, sizeof line, HARBOR_TEXT("[harbor] ERROR: %s"), configAdvice(response.status));
      platform::log(line);
      platform::indicate(platform::Indicator::ConfigError);
      break;
    }
    case Verdict::Drop: {
      failures_ = 0;
      {
        ScopedLock lock;
        const size_t n = plan.count < shared_.store.size() ? plan.count : shared_.store.size();
        release(n);
        shared_.stats.rejected += static_cast<uint32_t>(n);
      }
      if (suspectCount_ > 0) suspectCount_ = suspectCount_ > plan.count ? suspectCount_ - plan.count : 0;
      report(plan, response, elapsedMs, "dropped the batch: the Harbor refuses it");
      platform::indicate(platform::Indicator::Ok);
      break;
    }
  }
  // Every request that follows a refusal or a part of a bisection waits a little.
  if (verdict == Verdict::Bisect || (verdict == Verdict::Commit && bisecting)) {
    nextAttemptMs_ = nowMs + kBisectPaceMs;
  }
}

// One line per attempt, e.g.
// [harbor] sent 50 -> 202 in 34 ms | buffer 12/2000 | dropped 0 | retries 0
void Sender::report(const Plan& plan, const platform::HttpResponse& response, uint32_t elapsedMs,
                    const char* outcome) {
  SendStatus status;
  {
    ScopedLock lock;
    status.buffered = static_cast<uint32_t>(shared_.store.size());
    status.capacity = static_cast<uint32_t>(shared_.store.capacity());
    status.dropped = shared_.store.dropped();
  }
  status.records = static_cast<uint32_t>(plan.count);
  status.status = response.status;
  status.error = response.error;
  status.latencyMs = elapsedMs;
  status.retries = failures_;
  const uint64_t now = platform::monotonicMs();
  status.nextAttemptMs = nextAttemptMs_ > now ? static_cast<uint32_t>(nextAttemptMs_ - now) : 0;

  char answer[24];
  if (response.status > 0) {
    snprintf(answer, sizeof answer, HARBOR_TEXT("%d"), response.status);
  } else {
    snprintf(answer, sizeof answer, HARBOR_TEXT("%s"), transportName(response.error));
  }
  char line[320];
  snprintf(line, sizeof line, HARBOR_TEXT("[harbor] sent %lu -> %s in %lu ms%s%s | buffer %lu/%lu | dropped %lu | retries %lu"),
           static_cast<unsigned long>(plan.count), answer, static_cast<unsigned long>(elapsedMs),
           outcome != 0 ? ", " : "", outcome != 0 ? outcome : "",
           static_cast<unsigned long>(status.buffered), static_cast<unsigned long>(status.capacity),
           static_cast<unsigned long>(status.dropped), static_cast<unsigned long>(failures_));
  platform::log(line);
  if (callback_ != 0) callback_(status, callbackArg_);
}

uint64_t Sender::nextWakeMs(uint64_t nowMs) const {
  if (nextAttemptMs_ > nowMs) return nextAttemptMs_;
  size_t size;
  {
    ScopedLock lock;
    size = shared_.store.size();
  }
  if (size == 0) return kNever;
  if (again_ || draining_) return nowMs;
  if (idleValid_ && size == idleSize_) return waitUntilMs_ > nowMs ? waitUntilMs_ : nowMs;
  return nowMs;  // the buffer changed since the last look
}

}  // namespace harbor
