// A scripted stand-in for harbor/platform.h: a clock the test moves, HTTP
// answers the test chooses, and a record of everything the runtime did.
#pragma once

#include <stdint.h>

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "harbor/platform.h"

namespace fake {

using harbor::platform::HttpResponse;
using harbor::platform::Indicator;
using harbor::platform::TransportError;

struct Request {
  std::string url;
  std::string apiKey;
  std::string body;
  uint64_t atMs;
};

struct State {
  uint64_t nowMs;
  bool synced;
  int64_t offsetMs;       // utc = now + offset once synced
  bool network;
  uint32_t exchangeMs;    // how long each HTTP exchange takes on the clock
  // Answers in order; when empty, `responder` decides, and without one: 202.
  std::deque<HttpResponse> script;
  std::function<HttpResponse(const Request&)> responder;
  std::function<void()> duringExchange;  // e.g. the sampler task filling the buffer
  std::vector<Request> requests;
  std::vector<std::string> logs;
  std::deque<uint32_t> randoms;  // next random32() values; then `randomDefault`
  uint32_t randomDefault;
  Indicator indicator;
  int restarts;
  int lockDepth;
  int maxLockDepth;
  bool builtinOk;
  double builtinValue;
  std::string mac;
  bool senderTask;
  int begins;
  std::string date;  // the Date header of every answer ("" for none)
  std::string wifiSsid;
  std::string wifiPassword;
};

State& state();
// Back to a synced clock at t = 0, network up, no script.
void reset();

// An answer to one request written in full.
HttpResponse answer(int status, const char* retryAfter = "");
// ... after `attempts` writes (2: the adapter's retry on a fresh connection).
HttpResponse answerAfter(int status, uint8_t attempts);
// A failed exchange. A timeout or a closed connection came after the request
// was written (1 attempt), a connect or TLS failure before (0); `attempts` overrides.
HttpResponse failure(TransportError error, int attempts = -1);

// Convenience: every log line joined, one per line.
std::string allLogs();
bool logged(const std::string& needle);

}  // namespace fake
