// harbor::platform for arduino-esp32 2.0.x (the core PlatformIO's espressif32
// 6.13.0 ships, on ESP-IDF 4.4) and 3.x (what the Arduino IDE installs, on
// ESP-IDF 5.1-5.5). Arduino-level differences follow ESP_ARDUINO_VERSION_MAJOR
// (3.x renamed WiFiClientSecure to NetworkClientSecure); IDF drivers follow
// ESP_IDF_VERSION_MAJOR (temperature sensor, and in esp32-common the task
// watchdog and the pulse counter).
//
// Threads: setup()/loop() run in the Arduino loop task; sending runs in its own
// task (startSender) so sampling never waits on the network; Wi-Fi events
// arrive in the Arduino event task and only set flags that maintainNetwork()
// acts on in the sender task, so the Wi-Fi driver is only driven from there.
#include <Arduino.h>
#include <HTTPClient.h>
#include <WiFi.h>
#include <esp_arduino_version.h>
#if ESP_ARDUINO_VERSION_MAJOR >= 3
#include <NetworkClientSecure.h>
#else
#include <WiFiClientSecure.h>
#endif

#include <esp_idf_version.h>
#include <esp_sleep.h>
#include <freertos/FreeRTOS.h>
#include <freertos/semphr.h>
#include <math.h>
#include <soc/soc_caps.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

// The classic ESP32's sensor is undocumented, uncalibrated and reads a constant
// 128 (53.3 degC) on most chips, so it is not offered; S2/S3/C3 have a real one.
#if CONFIG_IDF_TARGET_ESP32S2 || CONFIG_IDF_TARGET_ESP32S3 || CONFIG_IDF_TARGET_ESP32C3 || \
    (ESP_IDF_VERSION_MAJOR >= 5 && !CONFIG_IDF_TARGET_ESP32 && defined(SOC_TEMP_SENSOR_SUPPORTED))
#define HARBOR_CHIP_TEMPERATURE 1
#if ESP_IDF_VERSION_MAJOR >= 5
#include <driver/temperature_sensor.h>
#else
#include <driver/temp_sensor.h>
#endif
#endif

#include "harbor/flash_data.h"
#include "harbor/platform.h"
#include "harbor/reconnect_scheduler.h"
#include "harbor/uplink_types.h"
#include "harbor/wall_clock.h"
#include "harbor_arduino_http.h"
#include "harbor_arduino_wifi.h"
#include "harbor_esp32_tasks.h"
#include "harbor_status_led.h"

namespace harbor {
namespace platform {
namespace {

const int32_t kConnectTimeoutMs = 5000;
const uint32_t kHandshakeTimeoutS = 10;
const uint16_t kReadTimeoutMs = 10000;
const arduino::HttpLimits kHttpLimits = {
    static_cast<uint32_t>(kConnectTimeoutMs),
    2000,  // drain timeout
    2,     // drain poll
    1000,  // stale-connection retry window
};
const ReconnectTiming kReconnectTiming = {
    1000,                // backoff base
    60000,               // backoff cap
    6,                   // doublings before the cap
    20000,               // join timeout
    3ULL * 60 * 1000,    // radio restart
};
const uint32_t kSenderStackBytes = 12288;  // mbedTLS handshake plus HTTPClient

struct State {
  SemaphoreHandle_t logMutex;
  volatile uint8_t indicator;
  bool trustConfigured;
  bool ownWifi;  // beginWifi() ran: the Station keeps Wi-Fi up
};

#if ESP_ARDUINO_VERSION_MAJOR >= 3
typedef NetworkClientSecure TlsClient;  // WiFiClientSecure is only a deprecated alias in 3.x
#else
typedef WiFiClientSecure TlsClient;
#endif

State s;
TlsClient gTls;               // one long-lived TLS connection, kept alive between batches
arduino::NetClient gPlain;    // self-hosted servers on plain http://
String gApiKey;          // the header value, copied once

// WiFiClientSecure keeps mbedTLS's error from the handshake (negative, not -1).
bool tlsFailureLine(char* line, size_t size) {
  char text[96] = "";
  const int tlsError = gTls.lastError(text, sizeof text);
  if (tlsError >= -1) return false;
  snprintf(line, size, "[harbor] TLS handshake failed: %s (-0x%04x)", text,
           static_cast<unsigned>(-tlsError));
  return true;
}

arduino::KeptAliveHttp<128> gHttp(kHttpLimits, &tlsFailureLine);

void cycleRadio() {
  WiFi.mode(WIFI_OFF);
  WiFi.mode(WIFI_STA);
}

arduino::Station gStation(kReconnectTiming, &cycleRadio);

// Runs in the Arduino event task.
void onWifiEvent(arduino_event_t* event) {
  switch (event->event_id) {
    case ARDUINO_EVENT_WIFI_STA_GOT_IP:
      gStation.onGotIp();
      break;
    case ARDUINO_EVENT_WIFI_STA_LOST_IP:
      gStation.onLostIp();
      break;
    case ARDUINO_EVENT_WIFI_STA_DISCONNECTED:
      gStation.onDisconnected(event->event_info.wifi_sta_disconnected.reason);
      break;
    default:
      break;
  }
}

#if defined(HARBOR_STATUS_LED_PIN)
void driveLed(uint64_t now) { digitalWrite(HARBOR_STATUS_LED_PIN, board::statusLedHigh(s.indicator, now) ? HIGH : LOW); }
#else
void driveLed(uint64_t) {}
#endif

// Next to the Wi-Fi/lwIP tasks; loop() runs on the other core.
BaseType_t senderCore() { return 0; }

#if HARBOR_CHIP_TEMPERATURE
bool readChipTemperature(double* value) {
  float celsius = NAN;
#if ESP_IDF_VERSION_MAJOR >= 5
  static temperature_sensor_handle_t sensor = nullptr;
  if (sensor == nullptr) {
    temperature_sensor_config_t cfg = {};
    cfg.range_min = -10;
    cfg.range_max = 80;
    cfg.clk_src = TEMPERATURE_SENSOR_CLK_SRC_DEFAULT;
    if (temperature_sensor_install(&cfg, &sensor) != ESP_OK) {
      sensor = nullptr;
      return false;
    }
    temperature_sensor_enable(sensor);
  }
  if (temperature_sensor_get_celsius(sensor, &celsius) != ESP_OK) return false;
#else
  temp_sensor_config_t cfg = TSENS_CONFIG_DEFAULT();
  temp_sensor_set_config(cfg);
  temp_sensor_start();
  const esp_err_t err = temp_sensor_read_celsius(&celsius);
  temp_sensor_stop();
  if (err != ESP_OK) return false;
#endif
  if (!isfinite(celsius)) return false;
  *value = celsius;
  return true;
}
#else
bool readChipTemperature(double*) { return false; }
#endif

}  // namespace

void beginConsole() { Serial.begin(115200); }

void beginWatchdog() {
  const freertos::TaskSettings tasks = {kSenderStackBytes, &senderCore, &driveLed};
  freertos::begin(tasks);
}

void beginUplink(const UplinkConfig& config) {
  if (s.logMutex == nullptr) s.logMutex = xSemaphoreCreateMutex();
  // Without beginWatchdog() (a user's sketch), the sender task still gets its settings.
  if (!freertos::begun()) {
    const freertos::TaskSettings tasks = {kSenderStackBytes, &senderCore, &driveLed};
    freertos::begin(tasks, false);
  }
#if defined(HARBOR_STATUS_LED_PIN)
  pinMode(HARBOR_STATUS_LED_PIN, OUTPUT);
  s.indicator = static_cast<uint8_t>(Indicator::Offline);
  driveLed(monotonicMs());
#endif
  // The core's SNTP client; a sketch that configured time itself keeps its servers.
  if (!wallClockSet(time(nullptr))) configTime(0, 0, "pool.ntp.org", "time.google.com", "time.cloudflare.com");

  const char* pem = flash::read(config.caPem);
  if (flash::read(config.tlsInsecure) != 0) {
    gTls.setInsecure();
    s.trustConfigured = true;
  } else if (!flash::empty(pem)) {
    gTls.setCACert(pem);  // mbedTLS parses every root in the PEM string
    s.trustConfigured = true;
  } else if (arduino::isHttps(flash::read(config.baseUrl))) {
    log(arduino::kNoRootCaMessage);
  }
  // The 2.0.x core also applies the connect timeout to the handshake, so both end at 5 s.
  gTls.setHandshakeTimeout(kHandshakeTimeoutS);
  gApiKey = arduino::flashString(flash::read(config.apiKey));
  gHttp.configure(kReadTimeoutMs);
  gHttp.client().setConnectTimeout(kConnectTimeoutMs);

  char line[96];
  snprintf(line, sizeof line, "[harbor] platform arduino-esp32 %s", ESP.getChipModel());
  log(line);
}

void beginWifi(const char* ssid, const char* password) {
  s.ownWifi = true;
  // The credentials live in the firmware; writing them to NVS on every boot would wear flash.
  WiFi.persistent(false);
  WiFi.onEvent(onWifiEvent);
  WiFi.mode(WIFI_STA);
  WiFi.setAutoReconnect(false);  // reconnects follow our jittered backoff instead
  gStation.begin(ssid, password, monotonicMs());
  char shown[33];
  flash::copy(shown, sizeof shown, ssid);
  char line[64];
  snprintf(line, sizeof line, "[harbor] Wi-Fi \"%s\"", shown);
  log(line);
}

bool networkUp() { return arduino::stationHasIp(); }

// In the sender task: the station is only ever driven from there.
void maintainNetwork() {
  if (s.ownWifi) gStation.maintain(monotonicMs());
}

void log(const char* line) {
  const bool locked = s.logMutex != nullptr && xSemaphoreTake(s.logMutex, portMAX_DELAY) == pdTRUE;
  Serial.println(line);
  if (locked) xSemaphoreGive(s.logMutex);
}

void macHex(char out[13]) { arduino::wifiMacHex(out); }

bool readBuiltin(Builtin what, double* value) {
  switch (what) {
    case Builtin::WifiRssi: {
      if (!arduino::stationHasIp()) return false;
      const int rssi = WiFi.RSSI();
      if (rssi == 0) return false;  // the driver reports 0 when it has no reading
      *value = rssi;
      return true;
    }
    case Builtin::FreeHeap:
      *value = ESP.getFreeHeap();
      return true;
    case Builtin::ChipTemperature:
      return readChipTemperature(value);
    default:
      return false;
  }
}

bool readAnalogMillivolts(int pin, double* millivolts) {
  if (pin < 0 || pin > 255) return false;
  const int channel = digitalPinToAnalogChannel(pin);
  if (channel < 0) return false;
#ifdef SOC_ADC_MAX_CHANNEL_NUM
  // ADC2 pins are shared with the Wi-Fi radio and read garbage while it is on.
  if (channel >= SOC_ADC_MAX_CHANNEL_NUM) return false;
#endif
  *millivolts = analogReadMilliVolts(static_cast<uint8_t>(pin));
  return true;
}

void indicate(Indicator state) {
  s.indicator = static_cast<uint8_t>(state);
#if defined(HARBOR_STATUS_LED_PIN)
  // The loop task refreshes blinking patterns; steady states show at once.
  if (freertos::inLoopTask()) driveLed(monotonicMs());
#endif
}

HttpResponse httpPost(const char* url, const char*, const char* body, size_t length) {
  feedWatchdog();
  const HttpResponse response = gHttp.send(gTls, gPlain, s.trustConfigured, url, gApiKey, body, length);
  feedWatchdog();
  return response;
}

// feedWatchdog, startSender, lock, unlock and idleUntil: esp32-common/harbor_esp32_tasks.cpp;
// monotonicMs and random32: esp32-common/harbor_esp32_clock.cpp; utcOffsetMs: board-common.

void restart() {
  Serial.flush();
  ESP.restart();
}

// RTC slow memory keeps this through deep sleep (zeroed at power-on).
RTC_DATA_ATTR static uint8_t gRtcMemory[4096];
size_t rtcBytes() { return sizeof gRtcMemory; }
bool rtcRead(void* out, size_t bytes) {
  memcpy(out, gRtcMemory, bytes < sizeof gRtcMemory ? bytes : sizeof gRtcMemory);
  return true;
}
bool rtcWrite(const void* data, size_t bytes) {
  if (bytes > sizeof gRtcMemory) return false;
  memcpy(gRtcMemory, data, bytes);
  return true;
}
void deepSleep(uint64_t ms) {
  Serial.flush();
  esp_sleep_enable_timer_wakeup(ms * 1000ULL);
  esp_deep_sleep_start();
}

bool wifiAccessPoint(uint8_t bssid[6], uint8_t* channel) { return gStation.accessPoint(bssid, channel); }
void preferAccessPoint(const uint8_t bssid[6], uint8_t channel) { gStation.prefer(bssid, channel); }

// The sensor buses: arduino-common/harbor_arduino_buses.cpp.

}  // namespace platform
}  // namespace harbor
