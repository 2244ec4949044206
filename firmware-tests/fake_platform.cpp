#include "fake_platform.h"

#include <stdio.h>
#include <string.h>

namespace fake {

State& state() {
  static State s;
  return s;
}

void reset() {
  State& s = state();
  s = State();
  s.nowMs = 0;
  s.synced = true;
  s.offsetMs = 1795687200000LL;  // 2026-11-26T10:00:00Z at boot
  s.network = true;
  s.exchangeMs = 10;
  s.randomDefault = 0x7fffffff;
  s.indicator = Indicator::Ok;
  s.restarts = 0;
  s.lockDepth = 0;
  s.maxLockDepth = 0;
  s.builtinOk = true;
  s.builtinValue = -61;
  s.mac = "0200a1b2c3d4";
  s.senderTask = false;
  s.begins = 0;
}

HttpResponse answer(int status, const char* retryAfter) {
  HttpResponse r;
  memset(&r, 0, sizeof r);
  r.status = status;
  r.error = TransportError::None;
  r.attempts = 1;
  strncpy(r.retryAfter, retryAfter, sizeof r.retryAfter - 1);
  r.retryAfter[sizeof r.retryAfter - 1] = '\0';
  return r;
}

HttpResponse answerAfter(int status, uint8_t attempts) {
  HttpResponse r = answer(status);
  r.attempts = attempts;
  return r;
}

HttpResponse failure(TransportError error, int attempts) {
  HttpResponse r = answer(0);
  r.error = error;
  const bool written = error != TransportError::Connect && error != TransportError::Tls;
  r.attempts = static_cast<uint8_t>(attempts >= 0 ? attempts : (written ? 1 : 0));
  return r;
}

std::string allLogs() {
  std::string out;
  for (size_t i = 0; i < state().logs.size(); ++i) out += state().logs[i] + "\n";
  return out;
}

bool logged(const std::string& needle) { return allLogs().find(needle) != std::string::npos; }

}  // namespace fake

namespace harbor {
namespace platform {

void beginUplink(const UplinkConfig&) { ++fake::state().begins; }
void beginConsole() {}
void beginWatchdog() {}
void beginWifi(const char* ssid, const char* password) {
  fake::state().wifiSsid = ssid;
  fake::state().wifiPassword = password;
}
uint64_t monotonicMs() { return fake::state().nowMs; }

bool utcOffsetMs(int64_t* offsetMs) {
  if (!fake::state().synced) return false;
  *offsetMs = fake::state().offsetMs;
  return true;
}

bool networkUp() { return fake::state().network; }
void maintainNetwork() {}

uint32_t random32() {
  fake::State& s = fake::state();
  if (s.randoms.empty()) return s.randomDefault;
  const uint32_t v = s.randoms.front();
  s.randoms.pop_front();
  return v;
}

void log(const char* line) { fake::state().logs.push_back(line); }
void feedWatchdog() {}
void macHex(char out[13]) {
  strncpy(out, fake::state().mac.c_str(), 12);
  out[12] = '\0';
}

bool readBuiltin(Builtin, double* value) {
  *value = fake::state().builtinValue;
  return fake::state().builtinOk;
}


void indicate(Indicator state) { fake::state().indicator = state; }

HttpResponse httpPost(const char* url, const char* apiKey, const char* body, size_t length) {
  fake::State& s = fake::state();
  fake::Request request;
  request.url = url;
  request.apiKey = apiKey;
  request.body.assign(body, length);
  request.atMs = s.nowMs;
  s.requests.push_back(request);
  // The runtime must not hold the buffer lock across the network exchange.
  if (s.lockDepth != 0) log("FAKE: httpPost called with the lock held");
  if (s.duringExchange) s.duringExchange();
  s.nowMs += s.exchangeMs;
  HttpResponse r;
  if (!s.script.empty()) {
    r = s.script.front();
    s.script.pop_front();
  } else if (s.responder) {
    r = s.responder(request);
  } else {
    r = fake::answer(202);
  }
  // Every answer carries the Date header the test set, as HTTP servers' do.
  if (r.status > 0) snprintf(r.date, sizeof r.date, "%s", s.date.c_str());
  return r;
}

bool startSender(void (*)(void*), void*) { return fake::state().senderTask; }

void lock() {
  fake::State& s = fake::state();
  ++s.lockDepth;
  if (s.lockDepth > s.maxLockDepth) s.maxLockDepth = s.lockDepth;
}
void unlock() { --fake::state().lockDepth; }

void idleUntil(uint64_t wakeAtMs) {
  fake::State& s = fake::state();
  // Nothing scheduled: a slice of one second, as a board would.
  if (wakeAtMs > s.nowMs + 1000000000ULL) wakeAtMs = s.nowMs + 1000;
  if (wakeAtMs > s.nowMs) s.nowMs = wakeAtMs;
}

void restart() { ++fake::state().restarts; }
size_t rtcBytes() { return 0; }
bool rtcRead(void*, size_t) { return false; }
bool rtcWrite(const void*, size_t) { return false; }
void deepSleep(uint64_t) {}
bool wifiAccessPoint(uint8_t[6], uint8_t*) { return false; }
void preferAccessPoint(const uint8_t[6], uint8_t) {}

}  // namespace platform
}  // namespace harbor

namespace fake {

extern const char* const kTestApiKey;
const char* const kTestApiKey = "hb_live_TOPSECRET";
extern const char* const kTestWifiPassword;
const char* const kTestWifiPassword = "wifi-PASSWORD-42";

}  // namespace fake
