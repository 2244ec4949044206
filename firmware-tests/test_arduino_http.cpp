// The HTTP exchange the Arduino adapters share (harbor_arduino_http.h), on a
// scripted HTTPClient (arduino-stubs/).
#include "check.h"
#include "fake_platform.h"
#include "harbor_arduino_http.h"

using harbor::platform::HttpResponse;
using harbor::platform::TransportError;
using harbor::platform::arduino::HttpLimits;
using harbor::platform::arduino::KeptAliveHttp;

namespace stub {
Http& http() {
  static Http h;
  return h;
}
}  // namespace stub

uint32_t millis() { return static_cast<uint32_t>(fake::state().nowMs); }
void delay(uint32_t ms) { fake::state().nowMs += ms; }

namespace {

bool noTlsFailure(char*, size_t) { return false; }

// One POST over a kept-alive (`reused`) connection whose first attempt ends in `firstCode`.
HttpResponse postWith(bool reused, int firstCode) {
  fake::reset();
  stub::http() = stub::Http();
  stub::http().connected = reused;
  stub::http().script.push_back(firstCode);
  const HttpLimits limits = {5000, 2000, 5, 1000};
  KeptAliveHttp<64> http(limits, &noTlsFailure);
  WiFiClient tls;
  WiFiClient plain;
  return http.send(tls, plain, true, "http://h.example/batch", String("key"), "[]", 2);
}

}  // namespace

TEST_CASE("arduino http: a stale kept-alive connection that failed before the request was written is retried once") {
  const int codes[] = {HTTPC_ERROR_SEND_HEADER_FAILED, HTTPC_ERROR_SEND_PAYLOAD_FAILED,
                       HTTPC_ERROR_NOT_CONNECTED};
  for (size_t i = 0; i < 3; ++i) {
    CHECK_CONTEXT("code " + check::show(codes[i]));
    const HttpResponse r = postWith(true, codes[i]);
    CHECK_EQ(stub::http().posts, 2);
    CHECK_EQ(r.status, 202);
    CHECK_EQ(r.attempts, 1u);  // the first never left: the Harbor saw one request
  }
}

TEST_CASE("arduino http: a connection lost after the request was written is never resent at once") {
  const int codes[] = {HTTPC_ERROR_CONNECTION_LOST, HTTPC_ERROR_READ_TIMEOUT};
  for (size_t i = 0; i < 2; ++i) {
    CHECK_CONTEXT("code " + check::show(codes[i]));
    const HttpResponse r = postWith(true, codes[i]);
    // The Harbor may have stored the batch: the sender's backoff decides.
    CHECK_EQ(stub::http().posts, 1);
    CHECK_EQ(r.status, 0);
    CHECK(r.error != TransportError::None);
    CHECK_EQ(r.attempts, 1u);  // written in full: it may have been stored
  }
}

TEST_CASE("arduino http: a fresh connection is not retried at once") {
  const HttpResponse r = postWith(false, HTTPC_ERROR_SEND_HEADER_FAILED);
  CHECK_EQ(stub::http().posts, 1);
  CHECK(r.error == TransportError::Closed);
  CHECK_EQ(r.attempts, 0u);
}

TEST_CASE("arduino http: Retry-After and Date come back, the key goes out as its header") {
  fake::reset();
  stub::http() = stub::Http();
  stub::http().script.push_back(429);
  stub::http().headers["Retry-After"] = "30";
  stub::http().headers["Date"] = "Thu, 26 Nov 2026 10:00:00 GMT";
  const HttpLimits limits = {5000, 2000, 5, 1000};
  KeptAliveHttp<64> http(limits, &noTlsFailure);
  WiFiClient tls;
  WiFiClient plain;
  const HttpResponse r = http.send(tls, plain, true, "http://h.example/batch", String("hb_key"), "[]", 2);
  CHECK_EQ(r.status, 429);
  CHECK_EQ(std::string(r.retryAfter), "30");
  CHECK_EQ(std::string(r.date), "Thu, 26 Nov 2026 10:00:00 GMT");
  CHECK_EQ(stub::http().sent["X-API-Key"], "hb_key");
  CHECK_EQ(stub::http().sent["Content-Type"], "application/json");
}
