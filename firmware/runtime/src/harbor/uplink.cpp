#include "harbor/uplink.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "harbor/flash_data.h"
#include "harbor/json_writer.h"
#include "harbor/log.h"

#define HARBOR_RUNTIME_VERSION "0.2.0"

namespace harbor {

namespace {

const uint64_t kNever = ~static_cast<uint64_t>(0);
Uplink* gCurrent = 0;
// The sender task wakes at least this often, so the network maintainer runs.
const uint32_t kNetworkSliceMs = 100;

// "https://harborscale.com/api/v2/ingest" -> "harborscale.com"; `url` may live in flash.
void hostOf(const char* url, char* out, size_t size) {
  char copy[120];
  size_t n = 0;
  for (; n + 1 < sizeof copy && flash::charAt(url, n) != '\0'; ++n) copy[n] = flash::charAt(url, n);
  copy[n] = '\0';
  const char* start = strstr(copy, "://");
  start = start != 0 ? start + 3 : copy;
  size_t length = strcspn(start, "/?#");
  if (length >= size) length = size - 1;
  memcpy(out, start, length);
  out[length] = '\0';
}

bool startsWith(const char* text, const char* prefix) {
  for (size_t i = 0; prefix[i] != '\0'; ++i) {
    if (flash::charAt(text, i) != prefix[i]) return false;
  }
  return true;
}

// Appends flash-or-RAM `text` to `out` (`used` bytes of `size` taken); false when it does not fit.
bool append(char* out, size_t size, size_t* used, const char* text) {
  for (size_t i = 0; text != 0 && flash::charAt(text, i) != '\0'; ++i) {
    if (*used + 1 >= size) return false;
    out[(*used)++] = flash::charAt(text, i);
  }
  out[*used] = '\0';
  return true;
}

}  // namespace

Uplink::Uplink(const UplinkConfig& config, RecordStore& store, char* body, size_t bodyCapacity)
    : config_(config),
      shared_(store, config),
      sender_(config, shared_, body, bodyCapacity),
      maintainer_(0),
      senderTask_(false),
      refusalLogged_(false) {
  shipId_[0] = '\0';
  url_[0] = '\0';
}

void Uplink::resolveShipId() {
  const char* fixed = flash::read(config_.shipId);
  if (!flash::empty(fixed)) {
    copyChars(shipId_, sizeof shipId_, fixed, kIdMaxChars);
    return;
  }
  // One binary serves a fleet: the last 6 hex digits of the MAC tell boards apart.
  char mac[13];
  platform::macHex(mac);
  const char* prefix = flash::read(config_.shipIdPrefix);
  size_t used = 0;
  append(shipId_, sizeof shipId_, &used, flash::empty(prefix) ? "harbor" : prefix);
  append(shipId_, sizeof shipId_, &used, "-");
  append(shipId_, sizeof shipId_, &used, mac + 6);
}

bool Uplink::buildUrl() {
  size_t used = 0;
  const char* harborId = flash::read(config_.harborId);
  bool ok = append(url_, sizeof url_, &used, flash::read(config_.baseUrl));
  if (!flash::empty(harborId)) ok = ok && append(url_, sizeof url_, &used, "/") &&
                                    append(url_, sizeof url_, &used, harborId);
  ok = ok && append(url_, sizeof url_, &used, "/batch");
  if (!ok) {
    url_[0] = '\0';
    logText(HARBOR_TEXT("[harbor] ERROR: HARBOR_BASE_URL plus HARBOR_ID is too long for the URL buffer: nothing is sent"));
  }
  return ok;
}

void Uplink::banner() {
  const char* baseUrl = flash::read(config_.baseUrl);
  char host[96];
  hostOf(baseUrl, host, sizeof host);
  const char* tls = HARBOR_TEXT("TLS verified (certificate bundle)");
  const bool insecure = flash::read(config_.tlsInsecure) != 0;
  if (startsWith(baseUrl, "http://")) {
    tls = HARBOR_TEXT("plain HTTP, no TLS");
  } else if (insecure) {
    tls = HARBOR_TEXT("TLS verification OFF");
  } else if (flash::read(config_.caPem) != 0) {  // only the pointer: the PEM may live in flash
    tls = HARBOR_TEXT("TLS verified (configured root CA)");
  }
  char line[600];
  snprintf(line, sizeof line, HARBOR_TEXT("[harbor] runtime " HARBOR_RUNTIME_VERSION " | ship %s | endpoint %s | %s"),
           shipId_, host, tls);
  platform::log(line);
  if (insecure && !startsWith(baseUrl, "http://")) {
    logText(HARBOR_TEXT("[harbor] WARNING: TLS verification is OFF: the server's certificate is not "
                  "checked, so anyone on the network path can read the API key and change the data. "
                  "Use it only for testing."));
  }
  snprintf(line, sizeof line, HARBOR_TEXT("[harbor] buffer %lu readings | batch %lu readings / %lu bytes / %lu s"),
           static_cast<unsigned long>(shared_.store.capacity()),
           static_cast<unsigned long>(flash::read(config_.batch.maxRecords)),
           static_cast<unsigned long>(sender_.maxBodyBytes()),
           static_cast<unsigned long>(flash::read(config_.batch.maxAgeMs) / 1000));
  platform::log(line);
  if (flash::read(config_.batch.maxBytes) > sender_.maxBodyBytes()) {
    snprintf(line, sizeof line,
             HARBOR_TEXT("[harbor] WARNING: batches are capped at %lu bytes, the size of the body buffer"),
             static_cast<unsigned long>(sender_.maxBodyBytes()));
    platform::log(line);
  }
}

Uplink* Uplink::current() { return gCurrent; }

bool Uplink::begin() {
  gCurrent = this;
  platform::beginUplink(config_);
  {
    ScopedLock lock;
    shared_.store.begin();
  }
  resolveShipId();
  bool ok = buildUrl();
  if (!isValidId(shipId_)) {
    logText(HARBOR_TEXT("[harbor] ERROR: the ship id must be 1 to 100 characters of UTF-8: nothing is sent"));
    url_[0] = '\0';
    ok = false;
  }
  const uint64_t now = platform::monotonicMs();
  sender_.begin(shipId_, url_, now);
  banner();
  const char* printfProblem = floatPrintfProblem();
  if (printfProblem != 0) logText(HARBOR_TEXT("%s"), printfProblem);
  senderTask_ = platform::startSender(&Uplink::senderMain, this);
  return ok;
}

// The sender task: never returns (a FreeRTOS task function must not).
void Uplink::senderMain(void* arg) {
  Uplink& self = *static_cast<Uplink*>(arg);
  for (;;) {
    if (self.maintainer_ != 0) self.maintainer_();
    uint64_t now = platform::monotonicMs();
    if (self.url_[0] != '\0') self.sender_.step(now);
    platform::feedWatchdog();
    now = platform::monotonicMs();
    uint64_t wake = self.url_[0] != '\0' ? self.sender_.nextWakeMs(now) : kNever;
    if (self.maintainer_ != 0 && wake > now + kNetworkSliceMs) wake = now + kNetworkSliceMs;
    platform::idleUntil(wake);
  }
}

bool Uplink::refuse(const char* why, const char* cargoId) {
  bool first;
  {
    ScopedLock lock;
    ++shared_.stats.refused;
    first = !refusalLogged_;
    refusalLogged_ = true;
  }
  if (first) {
    char shown[64];
    copyChars(shown, sizeof shown, cargoId != 0 ? cargoId : "", 30);
    char line[200];
    snprintf(line, sizeof line, HARBOR_TEXT("[harbor] refused a reading of '%s': %s (counted; said once)"), shown, why);
    platform::log(line);
  }
  return false;
}

bool Uplink::record(const char* cargoId, double value) { return recordCargo(cargoId, value, false, 0); }

bool Uplink::record(const char* cargoId, double value, int64_t utcMs) {
  return recordCargo(cargoId, value, true, utcMs);
}

bool Uplink::recordCargo(const char* cargoId, double value, bool timed, int64_t utcMs) {
  if (cargoId == 0 || !isValidId(cargoId)) return refuse(HARBOR_TEXT("a cargo id is 1 to 100 characters of UTF-8"), cargoId);
  if (isnan(value) || isinf(value)) return refuse(HARBOR_TEXT("the value is not a finite number"), cargoId);
  const uint64_t now = platform::monotonicMs();
  int index;
  {
    ScopedLock lock;
    index = shared_.cargos.findOrAdd(cargoId);
  }
  if (index < 0) {
    return refuse(HARBOR_TEXT("the cargo table is full (raise HARBOR_MAX_EXTRA_CARGOS or declare the cargo)"), cargoId);
  }
  if (!timed) return recordAt(static_cast<uint8_t>(index), value, now);

  Record r;
  r.cargo = static_cast<uint8_t>(index);
  r.flags = 0;
  r.value = value;
  if (!setRecordUtc(&r, utcMs)) return refuse(HARBOR_TEXT("its time is before 2024 or after 2160"), cargoId);
  ScopedLock lock;
  // Counted first: a power cut during the push (a flash page write) still finds it taken.
  ++shared_.stats.sampled;
  shared_.store.push(r);
  return true;
}

bool Uplink::recordAt(uint8_t cargo, double value, uint64_t takenMs) {
  Record r;
  r.cargo = cargo;
  r.flags = 0;
  r.value = value;
  ScopedLock lock;
  int64_t offsetMs;
  if (!shared_.clock.offsetMs(&offsetMs) || !setRecordUtc(&r, static_cast<int64_t>(takenMs) + offsetMs)) {
    setRecordMonotonic(&r, takenMs);
    shared_.hasMonotonic = true;
  }
  // Counted first: a power cut during the push (a flash page write) still finds it taken.
  ++shared_.stats.sampled;
  shared_.store.push(r);
  return true;
}

void Uplink::loop() {
  if (senderTask_) return;
  if (maintainer_ != 0) maintainer_();
  if (url_[0] != '\0') sender_.step(platform::monotonicMs());
}

uint64_t Uplink::nextWakeMs() const {
  if (senderTask_ || url_[0] == '\0') return kNever;
  const uint64_t now = platform::monotonicMs();
  uint64_t wake = sender_.nextWakeMs(now);
  // Wi-Fi upkeep runs from loop() here: never sleep through a reconnect.
  if (maintainer_ != 0 && wake > now + kNetworkSliceMs) wake = now + kNetworkSliceMs;
  return wake;
}

bool Uplink::flush(uint32_t timeoutMs) {
  const uint64_t deadline = platform::monotonicMs() + timeoutMs;
  {
    ScopedLock lock;
    sender_.drain(true);
  }
  for (;;) {
    {
      ScopedLock lock;
      if (shared_.store.empty()) break;
    }
    const uint64_t now = platform::monotonicMs();
    if (now >= deadline) break;
    loop();
    uint64_t wake = senderTask_ ? now + 10 : nextWakeMs();
    if (wake > deadline) wake = deadline;
    platform::idleUntil(wake);
  }
  ScopedLock lock;
  if (!shared_.store.empty()) {
    sender_.drain(false);
    return false;
  }
  sender_.drain(false);
  return true;
}

void Uplink::restore(const Record& record) {
  ScopedLock lock;
  shared_.store.push(record);
  if (record.flags & Record::kMonotonic) shared_.hasMonotonic = true;
}

size_t Uplink::copyUnpersisted(Record* out, size_t capacity, size_t* copied) const {
  ScopedLock lock;
  const RecordStore& store = shared_.store;
  const size_t from = store.persisted();
  const size_t count = store.size() - from;
  // Stamped since boot: meaningless after the next one, so not kept.
  size_t timed = 0;
  for (size_t i = 0; i < count; ++i) timed += (store.at(from + i).flags & Record::kMonotonic) ? 0 : 1;
  size_t skip = timed > capacity ? timed - capacity : 0;  // the oldest give way, as in a full store
  size_t n = 0;
  for (size_t i = 0; i < count; ++i) {
    const Record r = store.at(from + i);
    if (r.flags & Record::kMonotonic) continue;
    if (skip > 0) {
      --skip;
      continue;
    }
    out[n++] = r;
  }
  *copied = n;
  return count;
}

bool Uplink::utcNowMs(int64_t* utcMs) const {
  ScopedLock lock;
  int64_t offset;
  if (!shared_.clock.offsetMs(&offset)) return false;
  *utcMs = static_cast<int64_t>(platform::monotonicMs()) + offset;
  return true;
}

void Uplink::assumeUtc(int64_t utcMs, uint64_t atMs) {
  ScopedLock lock;
  shared_.clock.assume(utcMs - static_cast<int64_t>(atMs));
}

uint64_t Uplink::storeFront() const {
  ScopedLock lock;
  return shared_.store.frontMark();
}

void Uplink::releaseToMark(uint64_t mark) {
  ScopedLock lock;
  shared_.store.releaseToMark(mark);
}

Stats Uplink::stats() const {
  ScopedLock lock;
  return shared_.snapshot();
}

void Uplink::countMissed(uint32_t slots) {
  ScopedLock lock;
  shared_.stats.missed += slots;
}

void Uplink::countReadFailure() {
  ScopedLock lock;
  ++shared_.stats.readFailures;
}

void Uplink::drain() {
  ScopedLock lock;
  sender_.drain(true);
}

bool Uplink::drained() const {
  ScopedLock lock;
  return shared_.store.empty();
}

}  // namespace harbor
