// harbor::platform for the Raspberry Pi Pico W on Earle Philhower's arduino-pico
// core (maxgerhardt/platform-raspberrypi, board_build.core = earlephilhower).
//
// Single-threaded by choice: a library cannot define setup1()/loop1() for core 1
// without colliding with the sketch, and the core's FreeRTOS mode changes how
// the CYW43 driver and lwIP are locked. So startSender() returns false and the
// runtime sends from loop(); a send blocks sampling for at most the HTTP
// timeouts below, and a Wi-Fi join blocks it for up to kJoinTimeoutMs (the
// core's join call is synchronous), only while the network is down.
//
// The RP2040 hardware watchdog tops out at about 8.3 s, shorter than a slow
// send. A repeating timer therefore feeds it for as long as feedWatchdog() was
// called within kWatchdogMs; if the program hangs, the feeding stops and the
// hardware resets the board. A hang with interrupts off trips it within 8 s.
#include <Arduino.h>
#include <HTTPClient.h>
#include <WiFi.h>
#include <WiFiClientSecure.h>
#include <WiFiNTP.h>
#include <hardware/watchdog.h>
#include <math.h>
#include <pico/time.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "harbor/platform.h"

namespace harbor {
namespace platform {
namespace {

const uint16_t kHttpTimeoutMs = 5000;  // connect, handshake and each read; sampling waits meanwhile
const unsigned long kJoinTimeoutMs = 10000;
const uint32_t kDrainTimeoutMs = 1000;
const uint32_t kStaleRetryWindowMs = 1000;
const uint64_t kRadioRestartMs = 3ULL * 60 * 1000;
const uint64_t kNtpRetryMs = 60000;
const uint32_t kBackoffBaseMs = 2000;
const uint32_t kBackoffCapMs = 60000;
const uint32_t kIdleSliceMs = 50;
const uint32_t kHardwareWatchdogMs = 8000;  // the RP2040 maximum is about 8.3 s
const int32_t kWatchdogTickMs = 1000;
const uint32_t kWatchdogMs = 60000;          // covers a join plus a full send
const time_t kMinValidEpochS = 1704067200;   // 2024-01-01
const int kAnalogMaxRaw = 4095;              // analogReadResolution(12)
const double kAnalogRefMv = 3300.0;

#ifdef HTTPC_ERROR_CONNECTION_FAILED
const int kConnectFailed = HTTPC_ERROR_CONNECTION_FAILED;
#else
const int kConnectFailed = HTTPC_ERROR_CONNECTION_REFUSED;
#endif

struct State {
  const DeviceConfig* config;
  bool https;
  bool verifyTls;  // BearSSL checks validity dates, so sends wait for NTP
  bool tlsReady;

  bool up;
  uint32_t attempts;
  uint64_t lastIpMs;
  uint64_t nextJoinMs;
  uint64_t lastRadioRestartMs;
  uint64_t ntpStartedMs;
  bool ntpStarted;

  uint8_t indicator;
  int8_t ledLevel;
};

State s;
BearSSL::WiFiClientSecure gTls;  // one long-lived TLS connection, kept alive between batches
BearSSL::X509List* gTrust = nullptr;
BearSSL::Session gSession;  // resumes the TLS session when the connection must be rebuilt
WiFiClient gPlain;
HTTPClient gHttp;
const char* kCollectedHeaders[] = {"Retry-After"};

// Written by the loop, read by the timer interrupt: 32 bits, so reads are atomic on the M0+.
volatile uint32_t gWatchdogDeadlineMs = 0;
repeating_timer_t gWatchdogTimer;

bool feedFromTimer(repeating_timer_t*) {
  const uint32_t nowMs = static_cast<uint32_t>(time_us_64() / 1000ULL);
  if (static_cast<int32_t>(gWatchdogDeadlineMs - nowMs) > 0) watchdog_update();
  return true;  // keep repeating
}

bool clockSet() { return time(nullptr) >= kMinValidEpochS; }

bool linkUp() { return WiFi.status() == WL_CONNECTED && WiFi.localIP().isSet(); }

void drainBody(WiFiClient& client, int code) {
  if (code == 204 || code == 304) return;
  int remaining = gHttp.getSize();
  if (remaining == 0) return;
  WiFiClient* stream = gHttp.getStreamPtr();
  if (remaining < 0 || stream == nullptr) {
    client.stop();  // chunked or close-delimited: reconnect rather than parse it
    return;
  }
  uint8_t buf[128];
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
  const int code = gHttp.POST(reinterpret_cast<const uint8_t*>(body), length);
  if (code > 0) {
    const String retryAfter = gHttp.header("Retry-After");
    snprintf(response->retryAfter, sizeof response->retryAfter, "%s", retryAfter.c_str());
    drainBody(client, code);
  }
  gHttp.end();
  return code;
}

uint32_t backoffMs(uint32_t attempt) {
  const uint32_t shift = attempt < 5 ? attempt : 5;
  uint32_t cap = kBackoffBaseMs << shift;
  if (cap > kBackoffCapMs) cap = kBackoffCapMs;
  return kBackoffBaseMs / 2 + random32() % cap;  // full jitter, never zero
}

// Blocks for up to kJoinTimeoutMs: the core's join is synchronous.
void join() {
  const DeviceConfig& c = *s.config;
  feedWatchdog();
  const bool open = c.wifiPassword == nullptr || c.wifiPassword[0] == '\0';
  WiFi.begin(c.wifiSsid, open ? nullptr : c.wifiPassword);
  feedWatchdog();
  s.nextJoinMs = monotonicMs() + backoffMs(s.attempts);
  ++s.attempts;
}

void restartRadio(uint64_t now) {
  log("[harbor] Wi-Fi: no IP address for 3 min, restarting the radio");
  WiFi.end();  // powers the CYW43 down; the next join brings it back from scratch
  s.attempts = 0;
  s.lastRadioRestartMs = now;
  s.nextJoinMs = now;
}

void startNtp(uint64_t now) {
  // Resolves the names now, so it only runs with the network up.
  NTP.begin("pool.ntp.org", "time.nist.gov");
  s.ntpStarted = true;
  s.ntpStartedMs = now;
}

void setLed(bool on) {
#if defined(HARBOR_STATUS_LED_PIN)
#if defined(HARBOR_STATUS_LED_ACTIVE_LOW) && HARBOR_STATUS_LED_ACTIVE_LOW
  on = !on;
#endif
  const int8_t level = on ? 1 : 0;
  // On the Pico W the LED hangs off the radio chip: write only on change.
  if (level == s.ledLevel) return;
  s.ledLevel = level;
  digitalWrite(HARBOR_STATUS_LED_PIN, on ? HIGH : LOW);
#else
  (void)on;
#endif
}

void driveLed(uint64_t now) {
  switch (static_cast<Indicator>(s.indicator)) {
    case Indicator::Ok: setLed(false); break;
    case Indicator::Sending: setLed(true); break;
    case Indicator::Offline: setLed((now / 1000) % 2 == 0); break;
    case Indicator::ConfigError: setLed((now / 125) % 2 == 0); break;
  }
}

}  // namespace

void begin(const DeviceConfig& config) {
  Serial.begin(115200);
  s.config = &config;
  s.ledLevel = -1;

  feedWatchdog();
  rp2040.wdt_begin(kHardwareWatchdogMs);
  add_repeating_timer_ms(kWatchdogTickMs, feedFromTimer, nullptr, &gWatchdogTimer);

#if defined(HARBOR_STATUS_LED_PIN)
  pinMode(HARBOR_STATUS_LED_PIN, OUTPUT);
  s.indicator = static_cast<uint8_t>(Indicator::Offline);
  driveLed(monotonicMs());
#endif

  analogReadResolution(12);
  WiFi.mode(WIFI_STA);  // also makes begin() return once joined instead of waiting for more
  WiFi.setTimeout(kJoinTimeoutMs);

  s.https = strncmp(config.baseUrl, "https://", 8) == 0;
  s.verifyTls = s.https && !config.tlsInsecure;
  if (s.https && config.tlsInsecure) {
    gTls.setInsecure();
    s.tlsReady = true;
  } else if (s.https && config.caPem != nullptr && config.caPem[0] != '\0') {
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

  // The first join happens in maintainNetwork(): begin() must return quickly.
  const uint64_t now = monotonicMs();
  s.lastIpMs = now;
  s.lastRadioRestartMs = now;
  s.nextJoinMs = now;

  char line[160];
  snprintf(line, sizeof line,
           "[harbor] platform picow | Wi-Fi \"%s\" | sending from loop(): sampling pauses during "
           "a send",
           config.wifiSsid);
  log(line);
}

uint64_t monotonicMs() { return time_us_64() / 1000ULL; }

bool utcOffsetMs(int64_t* offsetMs) {
  struct timeval tv;
  if (gettimeofday(&tv, nullptr) != 0 || tv.tv_sec < kMinValidEpochS) return false;
  const int64_t utcMs = static_cast<int64_t>(tv.tv_sec) * 1000 + tv.tv_usec / 1000;
  *offsetMs = utcMs - static_cast<int64_t>(monotonicMs());
  return true;
}

bool networkUp() {
  // Before NTP the clock says 1970 and BearSSL would reject every certificate as not yet valid.
  return s.up && (!s.verifyTls || clockSet());
}

void maintainNetwork() {
  const uint64_t now = monotonicMs();
  driveLed(now);
  const bool up = linkUp();
  if (up) {
    if (!s.up) {
      s.up = true;
      char line[96];
      snprintf(line, sizeof line, "[harbor] Wi-Fi connected, IP %s, RSSI %d dBm",
               WiFi.localIP().toString().c_str(), static_cast<int>(WiFi.RSSI()));
      log(line);
    }
    s.attempts = 0;
    s.lastIpMs = now;
    if (!clockSet() && (!s.ntpStarted || now - s.ntpStartedMs >= kNtpRetryMs)) startNtp(now);
    return;
  }
  if (s.up) {
    s.up = false;
    log("[harbor] Wi-Fi lost, reconnecting");
    s.nextJoinMs = now + backoffMs(0);
  }
  if (now - s.lastIpMs >= kRadioRestartMs && now - s.lastRadioRestartMs >= kRadioRestartMs) {
    restartRadio(now);
  }
  if (now < s.nextJoinMs) return;
  join();
}

uint32_t random32() { return rp2040.hwrand32(); }

void log(const char* line) { Serial.println(line); }

void feedWatchdog() {
  gWatchdogDeadlineMs = static_cast<uint32_t>(time_us_64() / 1000ULL) + kWatchdogMs;
  watchdog_update();
}

void macHex(char out[13]) {
  uint8_t mac[6] = {0, 0, 0, 0, 0, 0};
  WiFi.macAddress(mac);
  snprintf(out, 13, "%02x%02x%02x%02x%02x%02x", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

bool readBuiltin(Source source, double* value) {
  switch (source) {
    case Source::WifiRssi: {
      if (!s.up) return false;
      const int32_t rssi = WiFi.RSSI();
      if (rssi >= 0) return false;
      *value = rssi;
      return true;
    }
    case Source::FreeHeap:
      *value = rp2040.getFreeHeap();
      return true;
    case Source::Uptime:
      *value = static_cast<double>(monotonicMs() / 1000ULL);
      return true;
    case Source::ChipTemperature: {
      const float celsius = analogReadTemp();  // the RP2040's on-die sensor on ADC4
      if (!isfinite(celsius)) return false;
      *value = celsius;
      return true;
    }
    default:
      return false;
  }
}

bool readAnalogMillivolts(int pin, double* millivolts) {
  // GPIO 26-28 are ADC0-2; GPIO 29 measures VSYS and shares a pin with the radio on the Pico W.
  if (pin < 26 || pin > 28) return false;
  const int raw = analogRead(pin);
  if (raw < 0) return false;
  *millivolts = raw * kAnalogRefMv / kAnalogMaxRaw;
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
  feedWatchdog();

  const bool https = strncmp(url, "https://", 8) == 0;
  if (https && !s.tlsReady) {
    response.error = TransportError::Tls;
    return response;
  }
  WiFiClient& client = https ? static_cast<WiFiClient&>(gTls) : gPlain;

  const bool reused = client.connected();
  uint32_t started = millis();
  int code = postOnce(client, url, apiKey, body, length, &response);
  if (reused && isStaleConnectionError(code) && millis() - started < kStaleRetryWindowMs) {
    // The server dropped the kept-alive connection as we wrote: the request never
    // arrived, so one immediate retry on a fresh connection is safe.
    feedWatchdog();
    started = millis();
    code = postOnce(client, url, apiKey, body, length, &response);
  }
  feedWatchdog();

  if (code > 0) {
    response.status = code;
  } else {
    response.error = classify(code, https, millis() - started);
  }
  return response;
}

// See the header comment: no sender task on this board.
bool startSender(void (*)(void*), void*) { return false; }

// Nothing runs concurrently with loop(), so there is nothing to exclude.
void lock() {}
void unlock() {}

void idleUntil(uint64_t wakeAtMs) {
  feedWatchdog();
  const uint64_t now = monotonicMs();
  driveLed(now);
  if (wakeAtMs <= now) return;
  uint64_t waitMs = wakeAtMs - now;
  if (waitMs > kIdleSliceMs) waitMs = kIdleSliceMs;
  delay(static_cast<unsigned long>(waitMs));
}

void restart() {
  Serial.flush();
  rp2040.reboot();
}

}  // namespace platform
}  // namespace harbor
