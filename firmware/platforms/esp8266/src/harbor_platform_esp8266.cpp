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
#include <time.h>

#include "harbor/flash_data.h"
#include "harbor/log.h"
#include "harbor/platform.h"
#include "harbor/reconnect_scheduler.h"
#include "harbor/uplink_types.h"
#include "harbor/url_parts.h"
#include "harbor/wall_clock.h"
#include "harbor_arduino_analog.h"
#include "harbor_arduino_http.h"
#include "harbor_arduino_wifi.h"
#include "harbor_bearssl_trust.h"
#include "harbor_status_led.h"

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
const arduino::HttpLimits kHttpLimits = {
    kHttpTimeoutMs,
    1000,  // drain timeout
    1,     // drain poll
    1000,  // stale-connection retry window
};
const size_t kDrainChunkBytes = 64;  // on the stack of the 4 KB loop task
const ReconnectTiming kReconnectTiming = {
    1000,                // backoff base
    60000,               // backoff cap
    6,                   // doublings before the cap
    20000,               // join timeout
    3ULL * 60 * 1000,    // radio restart
};
const uint32_t kIdleSliceMs = 50;

struct State {
  bool https;
  bool verifyTls;  // BearSSL checks validity dates, so sends wait for SNTP
  bool tlsReady;
  bool mflnProbed;
  bool ownWifi;    // beginWifi() ran: the Station keeps Wi-Fi up
  uint8_t indicator;
};

State s;
BearSSL::WiFiClientSecure gTls;  // one long-lived TLS connection, kept alive between batches
BearSSL::Session gSession;  // resumes the TLS session when the connection must be rebuilt
WiFiClient gPlain;
String gApiKey;  // copied out of flash once: HTTPClient's headers are Strings anyway
WiFiEventHandler gOnGotIp;  // the handlers stay registered only while these live
WiFiEventHandler gOnDisconnected;

bool tlsFailureLine(char* line, size_t size) { return arduino::bearSslFailureLine(gTls, line, size); }

arduino::KeptAliveHttp<kDrainChunkBytes> gHttp(kHttpLimits, &tlsFailureLine);

void cycleRadio() {
  WiFi.disconnect();
  WiFi.mode(WIFI_OFF);
  WiFi.mode(WIFI_STA);
}

arduino::Station gStation(kReconnectTiming, &cycleRadio);

// BearSSL needs a 16 KB receive buffer unless the server agrees to smaller TLS
// records (MFLN); on an 80 KB chip that decides whether the rest fits. Asked once,
// on the first send, because the probe needs the network.
void probeMfln(const char* url) {
  s.mflnProbed = true;
  UrlParts parts;
  char host[96];
  if (!parseUrl(url, &parts) || !copyUrlHost(parts, host, sizeof host)) return;
  const bool mfln = BearSSL::WiFiClientSecure::probeMaxFragmentLength(host, parts.port, kMflnBytes);
  if (mfln) {
    gTls.setBufferSizes(kMflnBytes, kMflnBytes);
  } else {
    gTls.setBufferSizes(16384, 512);  // full records in, small ones out
  }
  char line[128];
  snprintf(line, sizeof line, HARBOR_TEXT("[harbor] TLS buffers: %s (free heap %lu bytes)"),
           mfln ? HARBOR_TEXT("512 B, the server supports MFLN") : HARBOR_TEXT("16 KB, the server does not support MFLN"),
           static_cast<unsigned long>(ESP.getFreeHeap()));
  log(line);
}

#if defined(HARBOR_STATUS_LED_PIN)
void driveLed(uint64_t now) { digitalWrite(HARBOR_STATUS_LED_PIN, board::statusLedHigh(s.indicator, now) ? HIGH : LOW); }
#else
void driveLed(uint64_t) {}
#endif

}  // namespace

void beginConsole() { Serial.begin(115200); }

// The core's own software watchdog (about 3 s) and hardware watchdog (about 8 s)
// run from boot; feedWatchdog() and the waits inside the network calls feed them.
void beginWatchdog() {}

void beginUplink(const UplinkConfig& config) {
#if defined(HARBOR_STATUS_LED_PIN)
  pinMode(HARBOR_STATUS_LED_PIN, OUTPUT);
  s.indicator = static_cast<uint8_t>(Indicator::Offline);
  driveLed(monotonicMs());
#endif
  // The core's SNTP client; a sketch that configured time itself keeps its servers.
  if (!wallClockSet(time(nullptr))) configTime(0, 0, "pool.ntp.org", "time.google.com", "time.cloudflare.com");

  s.https = arduino::isHttps(flash::read(config.baseUrl));
  s.verifyTls = s.https && flash::read(config.tlsInsecure) == 0;
  s.tlsReady = arduino::setUpBearSslTrust(gTls, config, s.https);
  gTls.setSession(&gSession);
  gApiKey = arduino::flashString(flash::read(config.apiKey));
  gHttp.configure(kHttpTimeoutMs);

  logText(HARBOR_TEXT("[harbor] platform esp8266 | sending from loop(): sampling pauses during a send"));
}

void beginWifi(const char* ssid, const char* password) {
  s.ownWifi = true;
  // Events run in the SDK's context: only record what happened.
  gOnGotIp = WiFi.onStationModeGotIP([](const WiFiEventStationModeGotIP&) { gStation.onGotIp(); });
  gOnDisconnected = WiFi.onStationModeDisconnected([](const WiFiEventStationModeDisconnected& e) {
    gStation.onDisconnected(static_cast<uint8_t>(e.reason));
  });
  WiFi.persistent(false);  // credentials are in the firmware: do not rewrite flash on each boot
  WiFi.mode(WIFI_STA);
  WiFi.setAutoReconnect(false);  // reconnects follow our jittered backoff instead
  gStation.begin(ssid, password, monotonicMs());
  char line[80];
  char shown[33];
  flash::copy(shown, sizeof shown, ssid);
  snprintf(line, sizeof line, HARBOR_TEXT("[harbor] Wi-Fi \"%s\""), shown);
  log(line);
}

uint64_t monotonicMs() { return micros64() / 1000ULL; }

// utcOffsetMs: board-common/harbor_system_clock.cpp.

bool networkUp() { return arduino::stationHasIp() && arduino::clockReadyForBearSsl(s.verifyTls); }

void maintainNetwork() {
  const uint64_t now = monotonicMs();
  driveLed(now);
  if (s.ownWifi) gStation.maintain(now);
}

uint32_t random32() { return RANDOM_REG32; }  // hardware RNG register

void log(const char* line) { Serial.println(line); }

void feedWatchdog() { ESP.wdtFeed(); }

void macHex(char out[13]) { arduino::wifiMacHex(out); }

bool readBuiltin(Builtin what, double* value) {
  switch (what) {
    case Builtin::WifiRssi: {
      if (!arduino::stationHasIp()) return false;
      const int32_t rssi = WiFi.RSSI();
      if (rssi >= 0) return false;  // 31 means "no reading" on this core
      *value = rssi;
      return true;
    }
    case Builtin::FreeHeap:
      *value = ESP.getFreeHeap();
      return true;
    default:
      return false;  // no on-chip temperature sensor
  }
}

bool readAnalogMillivolts(int pin, double* millivolts) {
  if (pin != A0) return false;  // the only analog input
  return arduino::analogReadMillivolts(A0, HARBOR_ADC_FULL_SCALE_MV, 1023, millivolts);
}

void indicate(Indicator state) {
  s.indicator = static_cast<uint8_t>(state);
  driveLed(monotonicMs());
}

// `apiKey` may be in flash: the RAM copy made at beginUplink() goes into the header.
HttpResponse httpPost(const char* url, const char*, const char* body, size_t length) {
  if (s.tlsReady && !s.mflnProbed && strncmp(url, "https://", 8) == 0) probeMfln(url);
  return gHttp.send(gTls, gPlain, s.tlsReady, url, gApiKey, body, length);
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

// The core's 512 bytes of RTC user memory, in 4-byte words; the wake needs GPIO 16 wired to RST.
size_t rtcBytes() { return 512; }
bool rtcRead(void* out, size_t bytes) { return ESP.rtcUserMemoryRead(0, static_cast<uint32_t*>(out), bytes & ~static_cast<size_t>(3)); }
bool rtcWrite(const void* data, size_t bytes) {
  return ESP.rtcUserMemoryWrite(0, static_cast<uint32_t*>(const_cast<void*>(data)), (bytes + 3) & ~static_cast<size_t>(3));
}
void deepSleep(uint64_t ms) {
  Serial.flush();
  ESP.deepSleep(ms * 1000);
}

bool wifiAccessPoint(uint8_t bssid[6], uint8_t* channel) { return gStation.accessPoint(bssid, channel); }
void preferAccessPoint(const uint8_t bssid[6], uint8_t channel) { gStation.prefer(bssid, channel); }

// The sensor buses: arduino-common/harbor_arduino_buses.cpp.

}  // namespace platform
}  // namespace harbor
