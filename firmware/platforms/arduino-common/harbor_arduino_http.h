// The HTTP exchange of the three Arduino adapters (arduino-esp32, esp8266,
// picow), copied next to each adapter's source in lib/harbor_platform/src.
// All three cores ship the same HTTPClient (arduino-esp32's and arduino-pico's
// are ports of ESP8266HTTPClient): begin(WiFiClient&, url), the HTTPC_ERROR_*
// codes, header() for collected headers and getStreamPtr() for the body. What
// differs is passed in: limits, the drain chunk size and how the TLS client
// reports a failed handshake.
#pragma once

#include <Arduino.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
// HARBOR_PLATFORM_* come from the generated build_flags, which PlatformIO applies to libraries too.
#if defined(HARBOR_PLATFORM_ESP8266)
#include <ESP8266HTTPClient.h>
#else
#include <HTTPClient.h>  // arduino-esp32 and arduino-pico
#endif
#if defined(HARBOR_PLATFORM_ARDUINO_ESP32)
#include <esp_arduino_version.h>
#include <lwip/sockets.h>  // IPPROTO_TCP, TCP_NODELAY
#endif

#include "harbor/flash_data.h"
#include "harbor/log.h"
#include "harbor/platform.h"

namespace harbor {
namespace platform {
namespace arduino {

// The TCP client class HTTPClient takes: arduino-esp32 3.x renamed WiFiClient
// to NetworkClient and keeps the old name only as a deprecated alias.
#if defined(HARBOR_PLATFORM_ARDUINO_ESP32) && ESP_ARDUINO_VERSION_MAJOR >= 3
typedef NetworkClient NetClient;
#else
typedef WiFiClient NetClient;
#endif

// A failed connect: HTTPC_ERROR_CONNECTION_FAILED on the ESP8266 core and
// arduino-pico (where ..._REFUSED is a deprecated constant, not a macro),
// HTTPC_ERROR_CONNECTION_REFUSED on arduino-esp32. Both are -1.
#ifdef HTTPC_ERROR_CONNECTION_FAILED
const int kHttpConnectFailed = HTTPC_ERROR_CONNECTION_FAILED;
#else
const int kHttpConnectFailed = HTTPC_ERROR_CONNECTION_REFUSED;
#endif

// In flash on the ESP8266 (HARBOR_FLASH): print it with %s only.
const char kNoRootCaMessage[] HARBOR_FLASH =
    "[harbor] ERROR: no root CA configured for this board: HTTPS sends will fail. "
    "Regenerate the project with a CA (--ca-file) or the default roots.";

// True for an https:// URL; `url` may live in HARBOR_FLASH.
inline bool isHttps(const char* url) {
  static const char kScheme[] = "https://";
  for (size_t i = 0; i < sizeof kScheme - 1; ++i) {
    if (flash::charAt(url, i) != kScheme[i]) return false;
  }
  return true;
}

struct HttpLimits {
  uint32_t connectTimeoutMs;    // a connect failure this close to it was a timeout
  uint32_t drainTimeoutMs;      // longest wait for the rest of a response body
  uint32_t drainPollMs;         // delay() between looks at a body still arriving
  uint32_t staleRetryWindowMs;  // a dead kept-alive connection fails faster than this
};

// When the connect failure was a TLS handshake failure: writes the log line
// and returns true. Each TLS client reports it its own way.
typedef bool (*TlsFailureLine)(char* line, size_t size);

// The outcome of post(): the HTTP status (> 0) or an HTTPC_ERROR_* code, and
// when the last attempt started, for classifying timeouts.
struct HttpAttempt {
  int code;
  uint32_t startedMs;
};

// One HTTPClient kept alive across batches. DrainChunkBytes is the stack
// buffer the unread body is discarded through (smaller on the ESP8266).
template <size_t DrainChunkBytes>
class KeptAliveHttp {
 public:
  KeptAliveHttp(const HttpLimits& limits, TlsFailureLine tlsFailure)
      : limits_(limits), tlsFailure_(tlsFailure) {}

  HTTPClient& client() { return http_; }

  // Keep-alive, the read timeout and the two response headers the runtime reads.
  void configure(uint16_t readTimeoutMs) {
    static const char* collected[] = {"Retry-After", "Date"};
    http_.setReuse(true);
    http_.setTimeout(readTimeoutMs);
    http_.collectHeaders(collected, 2);
#if !defined(HARBOR_PLATFORM_ARDUINO_ESP32)
    // See noDelay(): the ESP8266 core and arduino-pico open every later connection (BearSSL's too) so.
    WiFiClient::setDefaultNoDelay(true);
#endif
  }

  // platform::httpPost() over `tls` for an https:// URL (refused as a TLS
  // failure unless `tlsReady`: no trust was set up), else over `plain`.
  template <class TlsClient>
  HttpResponse send(TlsClient& tls, NetClient& plain, bool tlsReady, const char* url,
                    const String& apiKey, const char* body, size_t length) {
    HttpResponse response;
    memset(&response, 0, sizeof response);
    response.error = TransportError::None;
    const bool https = strncmp(url, "https://", 8) == 0;
    if (https && !tlsReady) {
      response.error = TransportError::Tls;
      return response;
    }
    if (https) {
      noDelay(tls);
    } else {
      noDelay(plain);
    }
    const HttpAttempt attempt = post(https ? tls : plain, url, apiKey, body, length, &response);
    finish(attempt, https, &response);
    return response;
  }

 private:
  // POSTs `body` over `connection`; when a reused connection turns out to
  // have been closed by the server, once more on a fresh one. Fills
  // response->retryAfter when there was an answer.
  HttpAttempt post(NetClient& connection, const char* url, const String& apiKey, const char* body,
                   size_t length, HttpResponse* response) {
    // connected() also notices a connection the server has closed while idle.
    const bool reused = connection.connected();
    HttpAttempt attempt;
    attempt.startedMs = millis();
    attempt.code = postOnce(connection, url, apiKey, body, length, response);
    if (reused && isStaleConnectionError(attempt.code) &&
        millis() - attempt.startedMs < limits_.staleRetryWindowMs) {
      // The kept-alive connection was dead before the request was written: it
      // never arrived, so one immediate retry on a fresh connection is safe.
      feedWatchdog();
      attempt.startedMs = millis();
      attempt.code = postOnce(connection, url, apiKey, body, length, response);
    }
    if (!isStaleConnectionError(attempt.code) && attempt.code != kHttpConnectFailed) {
      ++response->attempts;  // written in full: the Harbor counts it, so do we
    }
    return attempt;
  }

  // The status, or what kind of failure the HTTPC_ERROR_* code was.
  void finish(const HttpAttempt& attempt, bool https, HttpResponse* response) {
    if (attempt.code > 0) {
      response->status = attempt.code;
    } else {
      response->error = classify(attempt.code, https, millis() - attempt.startedMs);
    }
  }

  int postOnce(NetClient& connection, const char* url, const String& apiKey, const char* body,
               size_t length, HttpResponse* response) {
    if (!http_.begin(connection, url)) return HTTPC_ERROR_NOT_CONNECTED;
    http_.addHeader("Content-Type", "application/json");
    http_.addHeader("X-API-Key", apiKey);
    // arduino-esp32 2.0.x takes a non-const pointer (the others const); none writes through it.
    const int code = http_.POST(reinterpret_cast<uint8_t*>(const_cast<char*>(body)), length);
    if (code > 0) {
      snprintf(response->retryAfter, sizeof response->retryAfter, HARBOR_TEXT("%s"), http_.header("Retry-After").c_str());
      snprintf(response->date, sizeof response->date, HARBOR_TEXT("%s"), http_.header("Date").c_str());
      drainBody(connection, code);
    }
    http_.end();
    return code;
  }

  // Discards the response body so the connection can carry the next request;
  // HTTPClient's own drain has no timeout.
  void drainBody(NetClient& connection, int code) {
    if (code == 204 || code == 304) return;
    int remaining = http_.getSize();
    if (remaining == 0) return;
    NetClient* stream = http_.getStreamPtr();
    if (remaining < 0 || stream == nullptr) {
      // Chunked or close-delimited: cheaper to reconnect next time than to parse it here.
      connection.stop();
      return;
    }
    uint8_t buf[DrainChunkBytes];
    const uint32_t started = millis();
    while (remaining > 0 && millis() - started < limits_.drainTimeoutMs) {
      const int available = stream->available();
      if (available > 0) {
        size_t want = static_cast<size_t>(remaining);
        if (want > sizeof buf) want = sizeof buf;
        if (want > static_cast<size_t>(available)) want = static_cast<size_t>(available);
        const int n = stream->read(buf, want);
        if (n <= 0) break;
        remaining -= n;
      } else if (!stream->connected()) {
        break;
      } else {
        delay(limits_.drainPollMs);
      }
    }
    if (remaining > 0) connection.stop();  // the stream is out of step: never reuse it
  }

  // HTTPClient writes the headers and the body in two writes. With Nagle's
  // algorithm on, the body then waits for the server's ACK of the headers,
  // which a server delays (40 ms on Linux, up to 200 ms elsewhere) once a
  // connection is past its first exchanges: every request on the kept-alive
  // connection would keep the radio awake that much longer. arduino-esp32 has
  // no default for new connections, so the open one is set before each request
  // (a fresh connection's first goes while the server still ACKs at once); the
  // option goes to the client's own socket, which 2.x's WiFiClientSecure's
  // setNoDelay() misses.
  template <class Client>
  static void noDelay(Client& client) {
#if defined(HARBOR_PLATFORM_ARDUINO_ESP32)
    if (!client.connected()) return;
    int on = 1;
    client.setSocketOption(IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
#else
    (void)client;  // WiFiClient::setDefaultNoDelay(true) in configure()
#endif
  }

  // Only failures before the request was fully written. Once it was (connection
  // lost while reading the answer), the Harbor may have stored the batch: the
  // retry goes through the sender's backoff, never an immediate resend.
  static bool isStaleConnectionError(int code) {
    return code == HTTPC_ERROR_SEND_HEADER_FAILED || code == HTTPC_ERROR_SEND_PAYLOAD_FAILED ||
           code == HTTPC_ERROR_NOT_CONNECTED;
  }

  TransportError classify(int code, bool https, uint32_t elapsedMs) {
    if (code == kHttpConnectFailed) {
      char line[160];
      if (https && tlsFailure_(line, sizeof line)) {
        log(line);
        return TransportError::Tls;
      }
      return elapsedMs + 250 >= limits_.connectTimeoutMs ? TransportError::Timeout
                                                         : TransportError::Connect;
    }
    switch (code) {
      case HTTPC_ERROR_READ_TIMEOUT:
        return TransportError::Timeout;
      case HTTPC_ERROR_SEND_HEADER_FAILED:
      case HTTPC_ERROR_SEND_PAYLOAD_FAILED:
      case HTTPC_ERROR_NOT_CONNECTED:
      case HTTPC_ERROR_CONNECTION_LOST:
        return TransportError::Closed;
      default:
        return TransportError::Other;
    }
  }

  HTTPClient http_;
  const HttpLimits limits_;
  const TlsFailureLine tlsFailure_;
};

}  // namespace arduino
}  // namespace platform
}  // namespace harbor
