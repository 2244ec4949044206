// harbor::platform for the Raspberry Pi Pico W on Earle Philhower's arduino-pico
// core (maxgerhardt/platform-raspberrypi, board_build.core = earlephilhower).
//
// Two cores: arduino-pico lets only core 0 run WiFi code (docs/wifi.rst), so
// the network stays there, in loop(): joins (the core's join call blocks for
// up to kJoinTimeoutMs) and sends. A generated project takes its readings on
// core 1 (setup1()/loop1() in src/main.cpp), so sampling never waits on the
// network; startSender() returns false because the sending loop is loop()
// itself. A sketch of the user's own that records from loop() waits while a
// send is under way, as on the ESP8266. lock() is a cross-core mutex.
//
// The RP2040 hardware watchdog tops out at about 8.3 s, shorter than a slow
// send. A repeating timer therefore feeds it for as long as feedWatchdog() was
// called within kWatchdogMs on each core that feeds it; if either hangs, the
// feeding stops and the hardware resets the board.
#include <Arduino.h>
#include <HTTPClient.h>
#include <WiFi.h>
#include <WiFiClientSecure.h>
#include <WiFiNTP.h>
#include <hardware/watchdog.h>
#include <math.h>
#include <pico/mutex.h>
#include <pico/platform.h>
#include <pico/time.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "harbor/flash_data.h"
#include "harbor/log.h"
#include "harbor/platform.h"
#include "harbor/reconnect_scheduler.h"
#include "harbor/uplink_types.h"
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
  bool ownWifi;  // beginWifi() ran: joins and reconnects are ours
  char ssid[33];
  char password[65];
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
String gApiKey;  // the header value, copied once
auto_init_mutex(gRingMutex);

bool tlsFailureLine(char* line, size_t size) { return arduino::bearSslFailureLine(gTls, line, size); }

arduino::KeptAliveHttp<128> gHttp(kHttpLimits, &tlsFailureLine);
ReconnectScheduler gWifi(kReconnectTiming, &random32);

// One deadline per core, written by that core, read by the timer interrupt:
// 32 bits, so reads are atomic on the M0+. 0: the core does not feed.
volatile uint32_t gWatchdogDeadlineMs[2] = {0, 0};
repeating_timer_t gWatchdogTimer;
bool gWatchdogStarted = false;

bool feedFromTimer(repeating_timer_t*) {
  const uint32_t nowMs = static_cast<uint32_t>(time_us_64() / 1000ULL);
  bool alive = true;
  for (int core = 0; core < 2; ++core) {
    const uint32_t deadline = gWatchdogDeadlineMs[core];
    if (deadline != 0 && static_cast<int32_t>(deadline - nowMs) <= 0) alive = false;
  }
  if (alive) watchdog_update();
  return true;  // keep repeating
}

bool clockSet() { return wallClockSet(time(nullptr)); }

bool linkUp() { return WiFi.status() == WL_CONNECTED && WiFi.localIP().isSet(); }

// Blocks for up to kJoinTimeoutMs: the core's join is synchronous.
void join() {
  feedWatchdog();
  WiFi.begin(s.ssid, s.password[0] == '\0' ? nullptr : s.password);
  feedWatchdog();
  gWifi.joinStarted(monotonicMs());
}

void restartRadio() {
  logText(HARBOR_TEXT("[harbor] Wi-Fi: no IP address for 3 min, restarting the radio"));
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
  // The LED hangs off the radio, which only core 0 may drive.
  if (get_core_num() != 0) return;
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

void beginConsole() { Serial.begin(115200); }

void beginWatchdog() {
  feedWatchdog();
  rp2040.wdt_begin(kHardwareWatchdogMs);
  add_repeating_timer_ms(kWatchdogTickMs, feedFromTimer, nullptr, &gWatchdogTimer);
  gWatchdogStarted = true;
}

void beginUplink(const UplinkConfig& config) {
  s.ledLevel = -1;
#if defined(HARBOR_STATUS_LED_PIN)
  pinMode(HARBOR_STATUS_LED_PIN, OUTPUT);
  s.indicator = static_cast<uint8_t>(Indicator::Offline);
  driveLed(monotonicMs());
#endif
  analogReadResolution(12);
  s.https = arduino::isHttps(flash::read(config.baseUrl));
  s.verifyTls = s.https && flash::read(config.tlsInsecure) == 0;
  s.tlsReady = arduino::setUpBearSslTrust(gTls, config, s.https);
  gTls.setSession(&gSession);
  gApiKey = arduino::flashString(flash::read(config.apiKey));
  gHttp.configure(kHttpTimeoutMs);
  logText(HARBOR_TEXT("[harbor] platform picow | network on core 0"));
}

void beginWifi(const char* ssid, const char* password) {
  s.ownWifi = true;
  flash::copy(s.ssid, sizeof s.ssid, ssid);
  flash::copy(s.password, sizeof s.password, password);
  WiFi.mode(WIFI_STA);  // also makes begin() return once joined instead of waiting for more
  WiFi.setTimeout(kJoinTimeoutMs);
  // The first join happens in maintainNetwork(): begin() must return quickly.
  gWifi.begin(monotonicMs());
  char line[64];
  snprintf(line, sizeof line, HARBOR_TEXT("[harbor] Wi-Fi \"%s\""), s.ssid);
  log(line);
}

uint64_t monotonicMs() { return time_us_64() / 1000ULL; }

// utcOffsetMs: board-common/harbor_system_clock.cpp.

bool networkUp() { return linkUp() && arduino::clockReadyForBearSsl(s.verifyTls); }

void maintainNetwork() {
  const uint64_t now = monotonicMs();
  driveLed(now);
  if (!s.ownWifi) {
    if (linkUp() && !clockSet() && (!s.ntpStarted || now - s.ntpStartedMs >= kNtpRetryMs)) startNtp(now);
    return;
  }
  const ReconnectScheduler::Step step = gWifi.poll(now, linkUp(), false);
  if (step.gotIp) arduino::logWifiConnected();
  if (gWifi.up()) {
    if (!clockSet() && (!s.ntpStarted || now - s.ntpStartedMs >= kNtpRetryMs)) startNtp(now);
    return;
  }
  if (step.lostIp) logText(HARBOR_TEXT("[harbor] Wi-Fi lost, reconnecting"));
  if (step.restartRadio) restartRadio();
  if (step.join) join();
}

uint32_t random32() { return rp2040.hwrand32(); }

void log(const char* line) { Serial.println(line); }

void feedWatchdog() {
  uint32_t deadline = static_cast<uint32_t>(time_us_64() / 1000ULL) + kWatchdogMs;
  if (deadline == 0) deadline = 1;  // 0 means "does not feed"
  gWatchdogDeadlineMs[get_core_num()] = deadline;
  if (gWatchdogStarted) watchdog_update();
}

void macHex(char out[13]) { arduino::wifiMacHex(out); }

bool readBuiltin(Builtin what, double* value) {
  switch (what) {
    case Builtin::WifiRssi: {
      if (!linkUp()) return false;
      const int32_t rssi = WiFi.RSSI();
      if (rssi >= 0) return false;
      *value = rssi;
      return true;
    }
    case Builtin::FreeHeap:
      *value = rp2040.getFreeHeap();
      return true;
    case Builtin::ChipTemperature: {
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

HttpResponse httpPost(const char* url, const char*, const char* body, size_t length) {
  feedWatchdog();
  const HttpResponse response = gHttp.send(gTls, gPlain, s.tlsReady, url, gApiKey, body, length);
  feedWatchdog();
  return response;
}

// See the header comment: the uplink sends from loop(), on core 0.
bool startSender(void (*)(void*), void*) { return false; }

// Core 1 records while core 0 sends.
void lock() { mutex_enter_blocking(&gRingMutex); }
void unlock() { mutex_exit(&gRingMutex); }

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

// No RTC memory kept for us, so no deep sleep (the generator does not offer it here).
size_t rtcBytes() { return 0; }
bool rtcRead(void*, size_t) { return false; }
bool rtcWrite(const void*, size_t) { return false; }
void deepSleep(uint64_t) { restart(); }
bool wifiAccessPoint(uint8_t bssid[6], uint8_t* channel) {
  (void)bssid;
  (void)channel;
  return false;
}
void preferAccessPoint(const uint8_t bssid[6], uint8_t channel) {
  (void)bssid;
  (void)channel;
}

// The sensor buses: arduino-common/harbor_arduino_buses.cpp.

}  // namespace platform
}  // namespace harbor
