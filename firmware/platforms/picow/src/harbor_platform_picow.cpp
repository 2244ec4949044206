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
#include <time.h>

#include "harbor/platform.h"
#include "harbor/reconnect_scheduler.h"
#include "harbor/wall_clock.h"
#include "harbor_arduino_analog.h"
#include "harbor_arduino_http.h"
#include "harbor_arduino_wifi.h"
#include "harbor_bearssl_trust.h"
#include "harbor_status_led.h"

namespace harbor {
namespace platform {
namespace {

const uint16_t kHttpTimeoutMs = 5000;  // connect, handshake and each read; sampling waits meanwhile
const unsigned long kJoinTimeoutMs = 10000;
const arduino::HttpLimits kHttpLimits = {
    kHttpTimeoutMs,
    1000,  // drain timeout
    1,     // drain poll
    1000,  // stale-connection retry window
};
// A join blocks the loop here, so the first retry waits a little longer.
const ReconnectTiming kReconnectTiming = {
    2000,                // backoff base
    60000,               // backoff cap
    5,                   // doublings before the cap
    0,                   // join timeout: the join call itself gives up after kJoinTimeoutMs
    3ULL * 60 * 1000,    // radio restart
};
const uint64_t kNtpRetryMs = 60000;
const uint32_t kIdleSliceMs = 50;
const uint32_t kHardwareWatchdogMs = 8000;  // the RP2040 maximum is about 8.3 s
const int32_t kWatchdogTickMs = 1000;
const uint32_t kWatchdogMs = 60000;          // covers a join plus a full send
const int kAnalogMaxRaw = 4095;              // analogReadResolution(12)
const double kAnalogRefMv = 3300.0;

struct State {
  const DeviceConfig* config;
  bool https;
  bool verifyTls;  // BearSSL checks validity dates, so sends wait for NTP
  bool tlsReady;

  uint64_t ntpStartedMs;
  bool ntpStarted;

  uint8_t indicator;
  int8_t ledLevel;
};

State s;
BearSSL::WiFiClientSecure gTls;  // one long-lived TLS connection, kept alive between batches
BearSSL::Session gSession;  // resumes the TLS session when the connection must be rebuilt
WiFiClient gPlain;

bool tlsFailureLine(char* line, size_t size) { return arduino::bearSslFailureLine(gTls, line, size); }

arduino::KeptAliveHttp<128> gHttp(kHttpLimits, &tlsFailureLine);
ReconnectScheduler gWifi(kReconnectTiming, &random32);

// Written by the loop, read by the timer interrupt: 32 bits, so reads are atomic on the M0+.
volatile uint32_t gWatchdogDeadlineMs = 0;
repeating_timer_t gWatchdogTimer;

bool feedFromTimer(repeating_timer_t*) {
  const uint32_t nowMs = static_cast<uint32_t>(time_us_64() / 1000ULL);
  if (static_cast<int32_t>(gWatchdogDeadlineMs - nowMs) > 0) watchdog_update();
  return true;  // keep repeating
}

bool clockSet() { return wallClockSet(time(nullptr)); }

bool linkUp() { return WiFi.status() == WL_CONNECTED && WiFi.localIP().isSet(); }

// Blocks for up to kJoinTimeoutMs: the core's join is synchronous.
void join() {
  const DeviceConfig& c = *s.config;
  feedWatchdog();
  const bool open = c.wifiPassword == nullptr || c.wifiPassword[0] == '\0';
  WiFi.begin(c.wifiSsid, open ? nullptr : c.wifiPassword);
  feedWatchdog();
  gWifi.joinStarted(monotonicMs());
}

void restartRadio() {
  log("[harbor] Wi-Fi: no IP address for 3 min, restarting the radio");
  WiFi.end();  // powers the CYW43 down; the next join brings it back from scratch
}

void startNtp(uint64_t now) {
  // Resolves the names now, so it only runs with the network up.
  NTP.begin("pool.ntp.org", "time.nist.gov");
  s.ntpStarted = true;
  s.ntpStartedMs = now;
}

#if defined(HARBOR_STATUS_LED_PIN)
void driveLed(uint64_t now) {
  const bool high = board::statusLedHigh(s.indicator, now);
  const int8_t level = high ? 1 : 0;
  // On the Pico W the LED hangs off the radio chip: write only on change.
  if (level == s.ledLevel) return;
  s.ledLevel = level;
  digitalWrite(HARBOR_STATUS_LED_PIN, high ? HIGH : LOW);
}
#else
void driveLed(uint64_t) {}
#endif

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
  const bool caGiven = config.caPem != nullptr && config.caPem[0] != '\0';
  s.tlsReady = arduino::setUpBearSslTrust(gTls, config, s.https, caGiven);
  gTls.setSession(&gSession);

  gHttp.configure(kHttpTimeoutMs);

  // The first join happens in maintainNetwork(): begin() must return quickly.
  gWifi.begin(monotonicMs());

  char line[160];
  snprintf(line, sizeof line,
           "[harbor] platform picow | Wi-Fi \"%s\" | sending from loop(): sampling pauses during "
           "a send",
           config.wifiSsid);
  log(line);
}

uint64_t monotonicMs() { return time_us_64() / 1000ULL; }

// utcOffsetMs: board-common/harbor_system_clock.cpp.

bool networkUp() { return gWifi.up() && arduino::clockReadyForBearSsl(s.verifyTls); }

void maintainNetwork() {
  const uint64_t now = monotonicMs();
  driveLed(now);
  const ReconnectScheduler::Step step = gWifi.poll(now, linkUp(), false);
  if (step.gotIp) arduino::logWifiConnected();
  if (gWifi.up()) {
    if (!clockSet() && (!s.ntpStarted || now - s.ntpStartedMs >= kNtpRetryMs)) startNtp(now);
    return;
  }
  if (step.lostIp) log("[harbor] Wi-Fi lost, reconnecting");
  if (step.restartRadio) restartRadio();
  if (step.join) join();
}

uint32_t random32() { return rp2040.hwrand32(); }

void log(const char* line) { Serial.println(line); }

void feedWatchdog() {
  gWatchdogDeadlineMs = static_cast<uint32_t>(time_us_64() / 1000ULL) + kWatchdogMs;
  watchdog_update();
}

void macHex(char out[13]) { arduino::wifiMacHex(out); }

bool readBuiltin(Source source, double* value) {
  switch (source) {
    case Source::WifiRssi: {
      if (!gWifi.up()) return false;
      const int32_t rssi = WiFi.RSSI();
      if (rssi >= 0) return false;
      *value = rssi;
      return true;
    }
    case Source::FreeHeap:
      *value = rp2040.getFreeHeap();
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
  return arduino::analogReadMillivolts(pin, kAnalogRefMv, kAnalogMaxRaw, millivolts);
}

void indicate(Indicator state) {
  s.indicator = static_cast<uint8_t>(state);
  driveLed(monotonicMs());
}

HttpResponse httpPost(const char* url, const char* apiKey, const char* body, size_t length) {
  feedWatchdog();
  const HttpResponse response = gHttp.send(gTls, gPlain, s.tlsReady, url, apiKey, body, length);
  feedWatchdog();
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
