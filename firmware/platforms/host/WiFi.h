// The host build's <WiFi.h>: what a sketch of the user's own calls to join Wi-Fi
// (arduino-esp32's WiFiSTA / ESP8266WiFiSTA: begin(ssid, password), status()).
// The network is up or down as --wifi-down says, whatever the sketch does.
#pragma once

#include <stdint.h>

namespace harbor {
namespace platform {
bool networkUp();  // as declared in harbor/platform.h
}  // namespace platform
}  // namespace harbor

typedef enum { WL_IDLE_STATUS = 0, WL_CONNECTED = 3, WL_DISCONNECTED = 6 } wl_status_t;

class HostWiFi {
 public:
  wl_status_t begin(const char*, const char* = 0) { return status(); }
  wl_status_t status() const { return harbor::platform::networkUp() ? WL_CONNECTED : WL_DISCONNECTED; }
  bool isConnected() const { return status() == WL_CONNECTED; }
};

inline HostWiFi& hostWiFi() {
  static HostWiFi wifi;
  return wifi;
}
#define WiFi hostWiFi()
