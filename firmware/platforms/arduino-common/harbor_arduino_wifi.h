// Wi-Fi of the Arduino adapters, copied next to each adapter's source in
// lib/harbor_platform/src. The three cores' WiFi objects share localIP(),
// RSSI() and macAddress(uint8_t*). Station is the join schedule of the two
// whose WiFi.begin() returns at once and whose events report the outcome
// (arduino-esp32, ESP8266); arduino-pico joins synchronously and keeps its own.
#pragma once

#include <string.h>

#include <Arduino.h>
#include <stdint.h>
#include <stdio.h>
// HARBOR_PLATFORM_* come from the generated build_flags, which PlatformIO applies to libraries too.
#if defined(HARBOR_PLATFORM_ESP8266)
#include <ESP8266WiFi.h>
#else
#include <WiFi.h>  // arduino-esp32 and arduino-pico
#endif

#include "harbor/flash_data.h"
#include "harbor/log.h"
#include "harbor/platform.h"
#include "harbor/reconnect_scheduler.h"

namespace harbor {
namespace platform {
namespace arduino {

// "Wi-Fi connected" with the address and signal strength, on the console.
inline void logWifiConnected() {
  char line[96];
  snprintf(line, sizeof line, HARBOR_TEXT("[harbor] Wi-Fi connected, IP %s, RSSI %d dBm"),
           WiFi.localIP().toString().c_str(), static_cast<int>(WiFi.RSSI()));
  log(line);
}

// True when the station has an address, whoever joined: our Station or the
// user's own sketch. The three cores' WiFi.status() report the same states.
inline bool stationHasIp() {
#if defined(HARBOR_PLATFORM_PICOW)
  return WiFi.status() == WL_CONNECTED && WiFi.localIP().isSet();
#else
  // WL_CONNECTED is set by the got-IP event on the ESP32 and ESP8266 cores.
  return WiFi.status() == WL_CONNECTED;
#endif
}

// A String of `text`, which may live in HARBOR_FLASH (the API key of a
// generated project): the cores' String(const char*) would strlen() it, which
// faults on ESP8266 flash.
inline String flashString(const char* text) {
  String out;
  const size_t length = flash::length(text);
  out.reserve(length);
  for (size_t i = 0; i < length; ++i) out += flash::charAt(text, i);
  return out;
}

// platform::macHex() from the station interface's MAC.
inline void wifiMacHex(char out[13]) {
  uint8_t mac[6] = {0, 0, 0, 0, 0, 0};
  WiFi.macAddress(mac);
  snprintf(out, 13, HARBOR_TEXT("%02x%02x%02x%02x%02x%02x"), mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

// Joins with WiFi.begin(), which returns at once, and re-joins on a jittered
// backoff (ReconnectScheduler) from what the core's Wi-Fi events reported.
class Station {
 public:
  // `cycleRadio` switches the radio off and back on in station mode; the cores differ there.
  Station(const ReconnectTiming& timing, void (*cycleRadio)())
      : scheduler_(timing, &random32), cycleRadio_(cycleRadio), channel_(0), gotIp_(false), joining_(false),
        disconnectReason_(0) {
    memset(bssid_, 0, sizeof bssid_);
    ssid_[0] = '\0';
    password_[0] = '\0';
  }

  // From platform::beginWifi(): `ssid` and `password` may live in HARBOR_FLASH;
  // they are copied once. The first join starts now.
  void begin(const char* ssid, const char* password, uint64_t nowMs) {
    // The generator keeps both within the 802.11 limits, so nothing is cut.
    flash::copy(ssid_, sizeof ssid_, ssid);
    flash::copy(password_, sizeof password_, password);
    scheduler_.begin(nowMs);
    join(nowMs);
  }

  // From the core's Wi-Fi events, which run in another task or the SDK's
  // context: record what happened, never drive the driver from there.
  void onGotIp() {
    gotIp_ = true;
    joining_ = false;
  }
  void onLostIp() { gotIp_ = false; }
  void onDisconnected(uint8_t reason) {
    gotIp_ = false;
    joining_ = false;
    disconnectReason_ = reason;
  }

  bool hasIp() const { return gotIp_; }

  // Deep sleep keeps the access point of the last join, so the next one goes
  // straight to it (no scan); only the first try does, a failed one scans.
  void prefer(const uint8_t bssid[6], uint8_t channel) {
    memcpy(bssid_, bssid, sizeof bssid_);
    channel_ = channel;
  }
  bool accessPoint(uint8_t bssid[6], uint8_t* channel) const {
#if defined(HARBOR_PLATFORM_ESP8266) || defined(HARBOR_PLATFORM_ARDUINO_ESP32)
    const uint8_t* joined = gotIp_ ? WiFi.BSSID() : nullptr;
    if (joined == nullptr) return false;
    memcpy(bssid, joined, 6);
    *channel = static_cast<uint8_t>(WiFi.channel());
    return *channel != 0;
#else
    // Only the cores with deep sleep (the ESP8266's and arduino-esp32) join by BSSID.
    (void)bssid;
    (void)channel;
    return false;
#endif
  }

  // From platform::maintainNetwork(): says what changed, restarts the radio
  // after minutes without an address, and starts the joins that are due.
  void maintain(uint64_t nowMs) {
    const ReconnectScheduler::Step step = scheduler_.poll(nowMs, gotIp_, joining_);
    if (step.gotIp) logWifiConnected();
    if (step.lostIp) {
      char line[96];
      snprintf(line, sizeof line, HARBOR_TEXT("[harbor] Wi-Fi lost (reason %u), reconnecting"),
               static_cast<unsigned>(disconnectReason_));
      log(line);
    }
    if (step.restartRadio) {
      logText(HARBOR_TEXT("[harbor] Wi-Fi: no IP address for 3 min, restarting the radio"));
      cycleRadio_();
      joining_ = false;
    }
    if (step.join) join(nowMs);
  }

 private:
  void join(uint64_t nowMs) {
    joining_ = true;
#if defined(HARBOR_PLATFORM_ESP8266) || defined(HARBOR_PLATFORM_ARDUINO_ESP32)
    if (channel_ != 0) {
      WiFi.begin(ssid_, password_[0] != '\0' ? password_ : nullptr, channel_, bssid_);
      channel_ = 0;
      scheduler_.joinStarted(nowMs);
      return;
    }
#endif
    WiFi.begin(ssid_, password_[0] != '\0' ? password_ : nullptr);
    scheduler_.joinStarted(nowMs);
  }

  ReconnectScheduler scheduler_;
  void (*const cycleRadio_)();
  char ssid_[33];      // 32 bytes, the 802.11 limit
  char password_[65];  // a WPA2 passphrase of 8-63 bytes, or 64 hex digits
  uint8_t bssid_[6];
  uint8_t channel_;    // 0: no access point to go straight to
  volatile bool gotIp_;
  volatile bool joining_;
  volatile uint8_t disconnectReason_;
};

}  // namespace arduino
}  // namespace platform
}  // namespace harbor
