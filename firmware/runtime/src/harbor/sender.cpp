#include "harbor/sender.h"

#include <stdio.h>
#include <string.h>

#include "harbor/json_writer.h"
#include "harbor/retry_policy.h"

namespace harbor {

namespace {

const uint64_t kNever = ~static_cast<uint64_t>(0);  // no UINT64_MAX: some newlib builds hide it from C++

const char* transportName(platform::TransportError error) {
  switch (error) {
    case platform::TransportError::Connect:
      return "connect error";
    case platform::TransportError::Tls:
      return "TLS error";
    case platform::TransportError::Timeout:
      return "timeout";
    case platform::TransportError::Closed:
      return "connection closed";
    default:
      return "transport error";
  }
}

// "3.2 s", "15 min", "4 min 30 s": no %f, which some boards' printf lacks.
void formatDuration(uint32_t ms, char* out, size_t size) {
  const unsigned long s = ms / 1000;
  if (ms < 60000) {
    snprintf(out, size, "%lu.%lu s", s, static_cast<unsigned long>(ms % 1000 / 100));
  } else if (s % 60 == 0) {
    snprintf(out, size, "%lu min", s / 60);
  } else {
    snprintf(out, size, "%lu min %lu s", s / 60, s % 60);
  }
}

// What the user must fix, naming the constant in the generated project.
// The key itself is never printed.
const char* configAdvice(int status) {
  switch (status) {
    case 401:
      return "Harbor refused the API key (401): check HARBOR_API_KEY in "
             "include/harbor_secrets.h";
    case 403:
      return "Harbor refused the API key (403: missing, expired or not allowed for this harbor): "
             "check HARBOR_API_KEY in include/harbor_secrets.h";
    case 404:
      return "Harbor does not know this harbor (404): check HARBOR_ID and HARBOR_BASE_URL in "
             "include/harbor_config.h";
    default:
      return "Harbor answered with a redirect: check HARBOR_BASE_URL in include/harbor_config.h "
             "(https:// and the host name)";
  }
}

}  // namespace

Sender::Sender(const DeviceConfig& config, SharedState& shared, char* body, size_t bodyCapacity)
    : config_(config),
      shared_(shared),
      body_(body),
      bodyCapacity_(bodyCapacity),
      shipId_(""),
      url_(""),
      netUpSinceMs_(kNever),
      nextAttemptMs_(0),
      lastSuccessMs_(0),
      waitUntilMs_(0),
      idleFrontSeq_(0),
      idleEndSeq_(0),
      suspectEndSeq_(0),
      failures_(0),
      configFailures_(0),
      draining_(false),
      again_(false),
      idleValid_(false) {}

void Sender::begin(const char* shipId, const char* url, uint64_t nowMs) {
  shipId_ = shipId;
  url_ = url;
  netUpSinceMs_ = kNever;
  lastSuccessMs_ = nowMs;
  watchNetwork(nowMs);
}

// Notes when the network came up: the clock grace and the restart rule count
// from there, not from boot.
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
  if (config_.batch.maxBytes > 0 && config_.batch.maxBytes < limit) limit = config_.batch.maxBytes;
  return limit;
}

// The batch is always the oldest readings, in order: committing it is
// releasing a prefix of the ring. Caller holds the lock.
Sender::Plan Sender::compose(uint64_t nowMs) {
  RecordRing& ring = shared_.ring;
  Plan plan;
  memset(&plan, 0, sizeof plan);
  plan.startSeq = ring.frontSeq();

  size_t cap = config_.batch.maxRecords > 0 ? config_.batch.maxRecords : 1;
  if (suspectEndSeq_ > ring.frontSeq()) {
    // Bisecting: send the first half of the readings known to hold a refused one.
    const uint64_t half = (suspectEndSeq_ - ring.frontSeq() + 1) / 2;
    if (half < cap) cap = static_cast<size_t>(half);
  }
  const bool untimedAllowed =
      draining_ || (netUpSinceMs_ != kNever && nowMs - netUpSinceMs_ >= kUntimedGraceMs);
  uint32_t untimedSeen[8] = {0, 0, 0, 0, 0, 0, 0, 0};  // one bit per metric index

  BatchWriter writer(body_, bodyCapacity_);
  writer.begin(maxBodyBytes());
  for (size_t i = 0; i < ring.size() && writer.count() < cap; ++i) {
    const Record& r = ring.at(i);
    if (r.metricIndex >= config_.metricCount) {
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
      uint32_t& word = untimedSeen[r.metricIndex >> 5];
      const uint32_t bit = 1UL << (r.metricIndex & 31);
      if (word & bit) {
        plan.full = true;
        break;
      }
      word |= bit;
    }
    if (!writer.add(shipId_, config_.metrics[r.metricIndex].cargoId, r.value, !untimed, r.timeMs)) {
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

  if (!ring.empty()) {
    const Record& oldest = ring.at(0);
    int64_t taken = oldest.timeMs;
    int64_t offsetMs;
    if (!(oldest.flags & Record::kMonotonic)) {
      taken = platform::utcOffsetMs(&offsetMs) ? oldest.timeMs - offsetMs : 0;
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
  if (suspectEndSeq_ > plan.startSeq) return true;
  return nowMs - plan.oldestMs >= config_.batch.maxAgeMs;
}

void Sender::step(uint64_t nowMs) {
  watchNetwork(nowMs);
  if (nowMs < nextAttemptMs_) return;
  again_ = false;
  {
    ScopedLock lock;
    int64_t offsetMs;
    if (shared_.hasMonotonic && platform::utcOffsetMs(&offsetMs)) {
      shared_.stampUtc(offsetMs);
      idleValid_ = false;  // readings that waited for the clock may be sendable now
    }
    if (shared_.ring.empty()) {
      lastSuccessMs_ = nowMs;  // nothing waiting counts as fine for the restart rule
      idleValid_ = false;
      return;
    }
    // Nothing changed since the last look and nothing is due yet: skip composing.
    if (idleValid_ && !draining_ && shared_.ring.frontSeq() == idleFrontSeq_ &&
        shared_.ring.endSeq() == idleEndSeq_ && nowMs < waitUntilMs_) {
      return;
    }
  }

  // Counted from the later of the last success and the network coming up: an
  // outage of Wi-Fi alone never restarts the board and loses the buffer.
  const uint64_t stuckSinceMs = netUpSinceMs_ > lastSuccessMs_ ? netUpSinceMs_ : lastSuccessMs_;
  if (configFailures_ == 0 && netUpSinceMs_ != kNever && nowMs - stuckSinceMs >= kRestartAfterMs) {
    platform::log("[harbor] network up for 6 h without a successful send, data waiting: restarting");
    platform::restart();
    lastSuccessMs_ = nowMs;  // only reached where restart() returns (tests)
    return;
  }
  if (netUpSinceMs_ == kNever) {
    nextAttemptMs_ = nowMs + kNetworkPollMs;
    return;
  }

  Plan plan;
  {
    ScopedLock lock;
    plan = compose(nowMs);
    idleFrontSeq_ = shared_.ring.frontSeq();
    idleEndSeq_ = shared_.ring.endSeq();
  }
  if (plan.unsendable) {
    {
      ScopedLock lock;
      shared_.stats.rejected += static_cast<uint32_t>(shared_.ring.releaseBefore(plan.startSeq + 1));
    }
    platform::log("[harbor] dropped a reading that cannot be written within the batch limits");
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
    waitUntilMs_ = plan.oldestMs + config_.batch.maxAgeMs;
    idleValid_ = true;
    return;
  }
  idleValid_ = false;
  markSentUntimed(plan);

  platform::indicate(platform::Indicator::Sending);
  const uint64_t startMs = platform::monotonicMs();
  const platform::HttpResponse response =
      platform::httpPost(url_, config_.apiKey, body_, plan.length);
  const uint64_t endMs = platform::monotonicMs();
  apply(plan, response, static_cast<uint32_t>(endMs - startMs), endMs);
}

// Flags the batch's untimed readings before the request: the Harbor may store
// them and the answer still be lost, so a retry must send them untimed again.
void Sender::markSentUntimed(const Plan& plan) {
  ScopedLock lock;
  RecordRing& ring = shared_.ring;
  const uint64_t end = plan.startSeq + plan.count;
  for (uint64_t seq = plan.startSeq > ring.frontSeq() ? plan.startSeq : ring.frontSeq();
       seq < end && seq < ring.endSeq(); ++seq) {
    Record& r = ring.at(static_cast<size_t>(seq - ring.frontSeq()));
    if (r.flags & Record::kMonotonic) r.flags = static_cast<uint8_t>(r.flags | Record::kSentUntimed);
  }
}

size_t Sender::releaseLocked(uint64_t endSeq) { return shared_.ring.releaseBefore(endSeq); }

void Sender::apply(const Plan& plan, const platform::HttpResponse& response, uint32_t elapsedMs,
                   uint64_t nowMs) {
  const Verdict verdict = classifyStatus(response.status);
  const bool bisecting = suspectEndSeq_ > plan.startSeq;
  {
    ScopedLock lock;
    ++shared_.stats.requests;
    if (verdict != Verdict::Commit) ++shared_.stats.sendFailures;
  }
  char outcome[160];
  char duration[24];
  switch (verdict) {
    case Verdict::Commit: {
      {
        ScopedLock lock;
        // Readings the full buffer dropped during the request count as dropped only.
        shared_.stats.delivered += static_cast<uint32_t>(releaseLocked(plan.startSeq + plan.count));
      }
      const bool recovered = configFailures_ > 0;
      failures_ = 0;
      configFailures_ = 0;
      nextAttemptMs_ = 0;
      lastSuccessMs_ = nowMs;
      again_ = true;  // a full batch may be waiting: no reason to sit on it
      status(plan, response, elapsedMs, 0);
      if (recovered) platform::log("[harbor] the Harbor accepts the data again");
      platform::indicate(platform::Indicator::Ok);
      break;
    }
    case Verdict::Retry: {
      ++failures_;
      uint32_t delayMs = 0;
      int64_t offsetMs = 0;
      const bool utcKnown = platform::utcOffsetMs(&offsetMs);
      if (!honoursRetryAfter(response.status) ||
          !parseRetryAfter(response.retryAfter, utcKnown, static_cast<int64_t>(nowMs) + offsetMs,
                           &delayMs)) {
        delayMs = backoffDelayMs(failures_, platform::random32());
      }
      nextAttemptMs_ = nowMs + delayMs;
      formatDuration(delayMs, duration, sizeof duration);
      snprintf(outcome, sizeof outcome, "retry in %s", duration);
      status(plan, response, elapsedMs, outcome);
      platform::indicate(platform::Indicator::Offline);
      break;
    }
    case Verdict::Bisect: {
      failures_ = 0;
      if (plan.count > 1) {
        suspectEndSeq_ = plan.startSeq + plan.count;
        status(plan, response, elapsedMs, "splitting the batch to find the refused reading");
      } else {
        char value[32] = "";
        const char* cargo = "";
        {
          ScopedLock lock;
          if (shared_.ring.frontSeq() == plan.startSeq && !shared_.ring.empty()) {
            const Record& r = shared_.ring.at(0);
            formatNumber(r.value, value);
            cargo = config_.metrics[r.metricIndex].cargoId;
          }
          shared_.stats.rejected += static_cast<uint32_t>(releaseLocked(plan.startSeq + 1));
        }
        snprintf(outcome, sizeof outcome, "dropped the refused reading %.60s = %s", cargo, value);
        status(plan, response, elapsedMs, outcome);
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
      snprintf(outcome, sizeof outcome, "data kept, retry in %s", duration);
      status(plan, response, elapsedMs, outcome);
      char line[200];
      snprintf(line, sizeof line, "[harbor] ERROR: %s", configAdvice(response.status));
      platform::log(line);
      platform::indicate(platform::Indicator::ConfigError);
      break;
    }
    case Verdict::Drop: {
      failures_ = 0;
      {
        ScopedLock lock;
        shared_.stats.rejected += static_cast<uint32_t>(releaseLocked(plan.startSeq + plan.count));
      }
      status(plan, response, elapsedMs, "dropped the batch: the Harbor refuses it");
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
void Sender::status(const Plan& plan, const platform::HttpResponse& response, uint32_t elapsedMs,
                    const char* outcome) {
  unsigned long buffered;
  unsigned long capacity;
  unsigned long dropped;
  {
    ScopedLock lock;
    buffered = shared_.ring.size();
    capacity = shared_.ring.capacity();
    dropped = shared_.ring.dropped();
  }
  char answer[24];
  if (response.status > 0) {
    snprintf(answer, sizeof answer, "%d", response.status);
  } else {
    snprintf(answer, sizeof answer, "%s", transportName(response.error));
  }
  char line[320];
  snprintf(line, sizeof line, "[harbor] sent %lu -> %s in %lu ms%s%s | buffer %lu/%lu | dropped %lu | retries %lu",
           static_cast<unsigned long>(plan.count), answer, static_cast<unsigned long>(elapsedMs),
           outcome != 0 ? ", " : "", outcome != 0 ? outcome : "", buffered, capacity, dropped,
           static_cast<unsigned long>(failures_));
  platform::log(line);
}

uint64_t Sender::nextWakeMs(uint64_t nowMs) const {
  if (nextAttemptMs_ > nowMs) return nextAttemptMs_;
  uint64_t front;
  uint64_t end;
  {
    ScopedLock lock;
    if (shared_.ring.empty()) return kNever;
    front = shared_.ring.frontSeq();
    end = shared_.ring.endSeq();
  }
  if (again_ || draining_) return nowMs;
  if (idleValid_ && front == idleFrontSeq_ && end == idleEndSeq_) {
    return waitUntilMs_ > nowMs ? waitUntilMs_ : nowMs;
  }
  return nowMs;  // the buffer changed since the last look
}

}  // namespace harbor
