// harbor::platform for the ESP8266 Arduino core 3.1.x (PlatformIO espressif8266 4.2.1).
//
// The ESP8266 has one core and no tasks for user code, so startSender() returns
// false and the runtime sends from loop(): a send blocks sampling for as long as
// the HTTP exchange takes. Every phase (DNS, connect, TLS handshake, each read)
// is bounded by kHttpTimeoutMs, kept short on purpose; DNS may add up to 10 s.
// The core's own watchdogs are fed while it waits on the network.
#include <Arduino.h>
#include <ESP8266HTTPClient.h>
#include <ESP8266WiFi.h>
#include <WiFiClientSecureBearSSL.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "harbor/platform.h"

#ifndef HARBOR_ADC_FULL_SCALE_MV
// The bare chip reads 0-1.0 V on A0; NodeMCU and D1 mini put a divider in front
// (about 3200 mV full scale), and their board entries pass that value.
#define HARBOR_ADC_FULL_SCALE_MV 1000
#endif

namespace harbor {
namespace platform {
namespace {

const uint16_t kHttpTimeoutMs = 5000;  // connect, handshake and each read; short because sampling waits
const uint16_t kMflnBytes = 512;       // TLS record size asked of servers that support MFLN
const uint32_t kDrainTimeoutMs = 1000;
const uint32_t kStaleRetryWindowMs = 1000;
const uint64_t kJoinTimeoutMs = 20000;
const uint64_t kRadioRestartMs = 3ULL * 60 * 1000;
const uint32_t kBackoffBaseMs = 1000;
const uint32_t kBackoffCapMs = 60000;
const uint32_t kIdleSliceMs = 50;
const time_t kMinValidEpochS = 1704067200;  // 2024-01-01

#ifdef HTTPC_ERROR_CONNECTION_FAILED
const int kConnectFailed = HTTPC_ERROR_CONNECTION_FAILED;
#else
const int kConnectFailed = HTTPC_ERROR_CONNECTION_REFUSED;
#endif

struct State {
  const DeviceConfig* config;
  bool https;
  bool verifyTls;  // BearSSL checks validity dates, so sends wait for SNTP
  bool tlsReady;
  bool mflnProbed;

  volatile bool gotIp;
  volatile bool joining;
  volatile uint8_t disconnectReason;
  bool wasUp;
  uint32_t attempts;
  uint64_t lastIpMs;
  uint64_t joinStartedMs;
  uint64_t nextJoinMs;
  uint64_t lastRadioRestartMs;

  uint8_t indicator;
};

State s;
BearSSL::WiFiClientSecure gTls;  // one long-lived TLS connection, kept alive between batches
BearSSL::X509List* gTrust = nullptr;
BearSSL::Session gSession;  // resumes the TLS session when the connection must be rebuilt
WiFiClient gPlain;
HTTPClient gHttp;
WiFiEventHandler gOnGotIp;  // the handlers stay registered only while these live
WiFiEventHandler gOnDisconnected;
const char* kCollectedHeaders[] = {"Retry-After"};

bool clockSet() { return time(nullptr) >= kMinValidEpochS; }

// Host and port of an https:// URL, for the one-off MFLN probe.
bool hostPort(const char* url, char* host, size_t hostSize, uint16_t* port) {
  const char* p = strstr(url, "://");
  if (p == nullptr) return false;
  p += 3;
  size_t n = 0;
  while (p[n] != '\0' && p[n] != '/' && p[n] != ':' && n + 1 < hostSize) {
    host[n] = p[n];
    ++n;
  }
  host[n] = '\0';
  *port = 443;
  if (p[n] == ':') *port = static_cast<uint16_t>(atoi(p + n + 1));
  return n > 0;
}

// BearSSL needs a 16 KB receive buffer unless the server agrees to smaller TLS
// records (MFLN); on an 80 KB chip that decides whether the rest fits. Asked once,
// on the first send, because the probe needs the network.
void probeMfln(const char* url) {
  s.mflnProbed = true;
  char host[96];
  uint16_t port = 443;
  if (!hostPort(url, host, sizeof host, &port)) return;
  const bool mfln = BearSSL::WiFiClientSecure::probeMaxFragmentLength(host, port, kMflnBytes);
  if (mfln) {
    gTls.setBufferSizes(kMflnBytes, kMflnBytes);
  } else {
    gTls.setBufferSizes(16384, 512);  // full records in, small ones out
  }
  char line[128];
  snprintf(line, sizeof line, "[harbor] TLS buffers: %s (free heap %lu bytes)",
           mfln ? "512 B, the server supports MFLN" : "16 KB, the server does not support MFLN",
           static_cast<unsigned long>(ESP.getFreeHeap()));
  log(line);
}

void drainBody(WiFiClient& client, int code) {
  if (code == 204 || code == 304) return;
  int remaining = gHttp.getSize();
  if (remaining == 0) return;
  WiFiClient* stream = gHttp.getStreamPtr();
  if (remaining < 0 || stream == nullptr) {
    client.stop();  // chunked or close-delimited: reconnect rather than parse it
    return;
  }
  uint8_t buf[64];
  const uint32_t started = millis();
  while (remaining > 0 && millis() - started < kDrainTimeoutMs) {
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
      delay(1);
    }
  }
  if (remaining > 0) client.stop();
}

bool isStaleConnectionError(int code) {
  return code == HTTPC_ERROR_SEND_HEADER_FAILED || code == HTTPC_ERROR_SEND_PAYLOAD_FAILED ||
         code == HTTPC_ERROR_NOT_CONNECTED || code == HTTPC_ERROR_CONNECTION_LOST;
}

TransportError classify(int code, bool https, uint32_t elapsedMs) {
  if (code == kConnectFailed) {
    if (https) {
      char text[96] = "";
      const int tlsError = gTls.getLastSSLError(text, sizeof text);
      if (tlsError != 0) {
        char line[160];
        snprintf(line, sizeof line, "[harbor] TLS handshake failed: %s (%d)", text, tlsError);
        log(line);
        return TransportError::Tls;
      }
    }
    return elapsedMs + 250 >= kHttpTimeoutMs ? TransportError::Timeout : TransportError::Connect;
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

int postOnce(WiFiClient& client, const char* url, const char* apiKey, const char* body,
             size_t length, HttpResponse* response) {
  if (!gHttp.begin(client, url)) return HTTPC_ERROR_NOT_CONNECTED;
  gHttp.addHeader("Content-Type", "application/json");
  gHttp.addHeader("X-API-Key", apiKey);
  // Older cores take a non-const pointer; none writes through it.
  const int code = gHttp.POST(reinterpret_cast<uint8_t*>(const_cast<char*>(body)), length);
  if (code > 0) {
    const String retryAfter = gHttp.header("Retry-After");
    snprintf(response->retryAfter, sizeof response->retryAfter, "%s", retryAfter.c_str());
    drainBody(client, code);
  }
  gHttp.end();
  return code;
}

uint32_t backoffMs(uint32_t attempt) {
  const uint32_t shift = attempt < 6 ? attempt : 6;
  uint32_t cap = kBackoffBaseMs << shift;
  if (cap > kBackoffCapMs) cap = kBackoffCapMs;
  return kBackoffBaseMs / 2 + random32() % cap;  // full jitter, never zero
}

void startJoin(uint64_t now) {
  const DeviceConfig& c = *s.config;
  s.joining = true;
  s.joinStartedMs = now;
  WiFi.begin(c.wifiSsid, c.wifiPassword != nullptr && c.wifiPassword[0] != '\0' ? c.wifiPassword
                                                                                : nullptr);
  s.nextJoinMs = now + backoffMs(s.attempts);
  ++s.attempts;
}

void restartRadio(uint64_t now) {
  log("[harbor] Wi-Fi: no IP address for 3 min, restarting the radio");
  WiFi.disconnect();
  WiFi.mode(WIFI_OFF);
  WiFi.mode(WIFI_STA);
  s.joining = false;
  s.attempts = 0;
  s.lastRadioRestartMs = now;
  s.nextJoinMs = now;
}

#if defined(HARBOR_STATUS_LED_PIN)
void driveLed(uint64_t now) {
  bool on = false;
  switch (static_cast<Indicator>(s.indicator)) {
    case Indicator::Ok: on = false; break;
    case Indicator::Sending: on = true; break;
    case Indicator::Offline: on = (now / 1000) % 2 == 0; break;
    case Indicator::ConfigError: on = (now / 125) % 2 == 0; break;
  }
#if defined(HARBOR_STATUS_LED_ACTIVE_LOW) && HARBOR_STATUS_LED_ACTIVE_LOW
  on = !on;
#endif
  digitalWrite(HARBOR_STATUS_LED_PIN, on ? HIGH : LOW);
}
#else
void driveLed(uint64_t) {}
#endif

}  // namespace

void begin(const DeviceConfig& config) {
  Serial.begin(115200);
  s.config = &config;

#if defined(HARBOR_STATUS_LED_PIN)
  pinMode(HARBOR_STATUS_LED_PIN, OUTPUT);
  s.indicator = static_cast<uint8_t>(Indicator::Offline);
  driveLed(monotonicMs());
#endif

  // Events run in the SDK's context: only record what happened.
  gOnGotIp = WiFi.onStationModeGotIP([](const WiFiEventStationModeGotIP&) {
    s.gotIp = true;
    s.joining = false;
  });
  gOnDisconnected = WiFi.onStationModeDisconnected([](const WiFiEventStationModeDisconnected& e) {
    s.gotIp = false;
    s.joining = false;
    s.disconnectReason = static_cast<uint8_t>(e.reason);
  });
  WiFi.persistent(false);  // credentials are in the firmware: do not rewrite flash on each boot
  WiFi.mode(WIFI_STA);
  WiFi.setAutoReconnect(false);  // reconnects follow our jittered backoff instead

  configTime(0, 0, "pool.ntp.org", "time.google.com", "time.cloudflare.com");

  s.https = strncmp(config.baseUrl, "https://", 8) == 0;
  s.verifyTls = s.https && !config.tlsInsecure;
  if (s.https && config.tlsInsecure) {
    gTls.setInsecure();
    s.tlsReady = true;
  } else if (s.https && config.caPem != nullptr && pgm_read_byte(config.caPem) != 0) {
    // pgm_read_byte: the PEM may sit in flash (PROGMEM), which only takes 32-bit reads;
    // X509List reads either kind and copies what it keeps.
    gTrust = new BearSSL::X509List(config.caPem);
    if (gTrust->getCount() == 0) {
      log("[harbor] ERROR: the configured root CA could not be parsed: HTTPS sends will fail");
    } else {
      gTls.setTrustAnchors(gTrust);
      s.tlsReady = true;
    }
  } else if (s.https) {
    log("[harbor] ERROR: no root CA configured for this board: HTTPS sends will fail. "
        "Regenerate the project with a CA (--ca-file) or the default roots.");
  }
  gTls.setSession(&gSession);

  gHttp.setReuse(true);
  gHttp.setTimeout(kHttpTimeoutMs);
  gHttp.collectHeaders(kCollectedHeaders, 1);

  const uint64_t now = monotonicMs();
  s.lastIpMs = now;
  s.lastRadioRestartMs = now;
  startJoin(now);

  char line[160];
  snprintf(line, sizeof line,
           "[harbor] platform esp8266 | Wi-Fi \"%s\" | sending from loop(): sampling pauses "
           "during a send",
           config.wifiSsid);
  log(line);
}

uint64_t monotonicMs() { return micros64() / 1000ULL; }

bool utcOffsetMs(int64_t* offsetMs) {
  struct timeval tv;
  if (gettimeofday(&tv, nullptr) != 0 || tv.tv_sec < kMinValidEpochS) return false;
  const int64_t utcMs = static_cast<int64_t>(tv.tv_sec) * 1000 + tv.tv_usec / 1000;
  *offsetMs = utcMs - static_cast<int64_t>(monotonicMs());
  return true;
}

bool networkUp() {
  // Before SNTP the clock says 1970 and BearSSL would reject every certificate as not yet valid.
  return s.gotIp && (!s.verifyTls || clockSet());
}

void maintainNetwork() {
  const uint64_t now = monotonicMs();
  driveLed(now);
  if (s.gotIp) {
    if (!s.wasUp) {
      s.wasUp = true;
      char line[96];
      snprintf(line, sizeof line, "[harbor] Wi-Fi connected, IP %s, RSSI %d dBm",
               WiFi.localIP().toString().c_str(), static_cast<int>(WiFi.RSSI()));
      log(line);
    }
    s.attempts = 0;
    s.lastIpMs = now;
    return;
  }
  if (s.wasUp) {
    s.wasUp = false;
    char line[96];
    snprintf(line, sizeof line, "[harbor] Wi-Fi lost (reason %u), reconnecting",
             static_cast<unsigned>(s.disconnectReason));
    log(line);
    s.nextJoinMs = now + backoffMs(0);
  }
  if (s.joining && now - s.joinStartedMs < kJoinTimeoutMs) return;
  if (now - s.lastIpMs >= kRadioRestartMs && now - s.lastRadioRestartMs >= kRadioRestartMs) {
    restartRadio(now);
  }
  if (now < s.nextJoinMs) return;
  startJoin(now);
}

uint32_t random32() { return RANDOM_REG32; }  // hardware RNG register

void log(const char* line) { Serial.println(line); }

void feedWatchdog() { ESP.wdtFeed(); }

void macHex(char out[13]) {
  uint8_t mac[6] = {0, 0, 0, 0, 0, 0};
  WiFi.macAddress(mac);
  snprintf(out, 13, "%02x%02x%02x%02x%02x%02x", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

bool readBuiltin(Source source, double* value) {
  switch (source) {
    case Source::WifiRssi: {
      if (!s.gotIp) return false;
      const int32_t rssi = WiFi.RSSI();
      if (rssi >= 0) return false;  // 31 means "no reading" on this core
      *value = rssi;
      return true;
    }
    case Source::FreeHeap:
      *value = ESP.getFreeHeap();
      return true;
    case Source::Uptime:
      *value = static_cast<double>(monotonicMs() / 1000ULL);
      return true;
    default:
      return false;  // no on-chip temperature sensor
  }
}

bool readAnalogMillivolts(int pin, double* millivolts) {
  if (pin != A0) return false;  // the only analog input
  const int raw = analogRead(A0);
  if (raw < 0) return false;
  *millivolts = raw * static_cast<double>(HARBOR_ADC_FULL_SCALE_MV) / 1023.0;
  return true;
}

void indicate(Indicator state) {
  s.indicator = static_cast<uint8_t>(state);
  driveLed(monotonicMs());
}

HttpResponse httpPost(const char* url, const char* apiKey, const char* body, size_t length) {
  HttpResponse response;
  response.status = 0;
  response.error = TransportError::None;
  response.retryAfter[0] = '\0';

  const bool https = strncmp(url, "https://", 8) == 0;
  if (https && !s.tlsReady) {
    response.error = TransportError::Tls;
    return response;
  }
  if (https && !s.mflnProbed) probeMfln(url);
  WiFiClient& client = https ? static_cast<WiFiClient&>(gTls) : gPlain;

  const bool reused = client.connected();
  uint32_t started = millis();
  int code = postOnce(client, url, apiKey, body, length, &response);
  if (reused && isStaleConnectionError(code) && millis() - started < kStaleRetryWindowMs) {
    // The server dropped the kept-alive connection as we wrote: the request never
    // arrived, so one immediate retry on a fresh connection is safe.
    ESP.wdtFeed();
    started = millis();
    code = postOnce(client, url, apiKey, body, length, &response);
  }

  if (code > 0) {
    response.status = code;
  } else {
    response.error = classify(code, https, millis() - started);
  }
  return response;
}

// Single core, no tasks: the runtime sends from loop() between samples.
bool startSender(void (*)(void*), void*) { return false; }

// Nothing runs concurrently with loop(), so there is nothing to exclude.
void lock() {}
void unlock() {}

void idleUntil(uint64_t wakeAtMs) {
  ESP.wdtFeed();
  const uint64_t now = monotonicMs();
  driveLed(now);
  if (wakeAtMs <= now) {
    yield();  // let the Wi-Fi stack run even when work is due
    return;
  }
  uint64_t waitMs = wakeAtMs - now;
  if (waitMs > kIdleSliceMs) waitMs = kIdleSliceMs;
  delay(static_cast<unsigned long>(waitMs));
}

void restart() {
  Serial.flush();
  ESP.restart();
}

}  // namespace platform
}  // namespace harbor
