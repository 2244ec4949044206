// harbor::platform for arduino-esp32 2.0.x (the core PlatformIO's espressif32
// 6.13.0 ships, on ESP-IDF 4.4). Where the 3.x core differs, both are handled.
//
// Threads: setup()/loop() run in the Arduino loop task; sending runs in its own
// task (startSender) so sampling never waits on the network; Wi-Fi events
// arrive in the Arduino event task and only set flags that maintainNetwork()
// acts on, so the Wi-Fi driver is only ever driven from the loop task.
#include <Arduino.h>
#include <HTTPClient.h>
#include <WiFi.h>
#include <WiFiClientSecure.h>

#include <esp_idf_version.h>
#include <esp_system.h>
#if __has_include(<esp_random.h>)
#include <esp_random.h>  // esp_random() moved here; esp_system.h still pulls it in on IDF 4.4
#endif
#include <esp_task_wdt.h>
#include <esp_timer.h>
#include <freertos/FreeRTOS.h>
#include <freertos/semphr.h>
#include <freertos/task.h>
#include <math.h>
#include <soc/soc_caps.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

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

#include "harbor/indicator_pattern.h"
#include "harbor/platform.h"
#include "harbor/reconnect_scheduler.h"
#include "harbor/wall_clock.h"
#include "harbor_arduino_http.h"

#ifndef HARBOR_WATCHDOG_TIMEOUT_S
// Covers the longest blocking call: DNS, connect+TLS (5 s), request and read (10 s).
#define HARBOR_WATCHDOG_TIMEOUT_S 60
#endif

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
const uint32_t kIdleSliceMs = 100;
const uint32_t kSenderStackBytes = 12288;  // mbedTLS handshake plus HTTPClient
const BaseType_t kSenderCore = 0;          // next to the Wi-Fi/lwIP tasks; loop() runs on the other core

struct State {
  const DeviceConfig* config;
  SemaphoreHandle_t ringMutex;
  SemaphoreHandle_t logMutex;
  TaskHandle_t loopTask;
  TaskHandle_t senderTask;
  void (*senderFn)(void*);
  void* senderArg;

  volatile bool gotIp;
  volatile bool joining;
  volatile uint8_t disconnectReason;

  volatile uint8_t indicator;
  bool trustConfigured;
};

State s;
WiFiClientSecure gTls;   // one long-lived TLS connection, kept alive between batches
WiFiClient gPlain;       // self-hosted servers on plain http://

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
ReconnectScheduler gWifi(kReconnectTiming, &random32);

void startJoin(uint64_t now) {
  const DeviceConfig& c = *s.config;
  s.joining = true;
  WiFi.begin(c.wifiSsid, c.wifiPassword != nullptr && c.wifiPassword[0] != '\0' ? c.wifiPassword
                                                                                : nullptr);
  gWifi.joinStarted(now);
}

void restartRadio() {
  log("[harbor] Wi-Fi: no IP address for 3 min, restarting the radio");
  WiFi.mode(WIFI_OFF);
  WiFi.mode(WIFI_STA);
  s.joining = false;
}

// Runs in the Arduino event task: record, never drive the driver from here.
void onWifiEvent(arduino_event_t* event) {
  switch (event->event_id) {
    case ARDUINO_EVENT_WIFI_STA_GOT_IP:
      s.gotIp = true;
      s.joining = false;
      break;
    case ARDUINO_EVENT_WIFI_STA_LOST_IP:
      s.gotIp = false;
      break;
    case ARDUINO_EVENT_WIFI_STA_DISCONNECTED:
      s.gotIp = false;
      s.joining = false;
      s.disconnectReason = event->event_info.wifi_sta_disconnected.reason;
      break;
    default:
      break;
  }
}

#if defined(HARBOR_STATUS_LED_PIN)
void driveLed(uint64_t now) {
  bool on = indicatorLit(static_cast<Indicator>(s.indicator), now);
#if defined(HARBOR_STATUS_LED_ACTIVE_LOW) && HARBOR_STATUS_LED_ACTIVE_LOW
  on = !on;
#endif
  digitalWrite(HARBOR_STATUS_LED_PIN, on ? HIGH : LOW);
}
#else
void driveLed(uint64_t) {}
#endif

void senderMain(void*) {
  s.senderTask = xTaskGetCurrentTaskHandle();
  esp_task_wdt_add(nullptr);
  s.senderFn(s.senderArg);  // never returns in the runtime; guard anyway
  esp_task_wdt_delete(nullptr);
  s.senderTask = nullptr;
  vTaskDelete(nullptr);
}

void startWatchdog() {
#if ESP_IDF_VERSION_MAJOR >= 5
  esp_task_wdt_config_t wdt = {};
  wdt.timeout_ms = HARBOR_WATCHDOG_TIMEOUT_S * 1000;
  wdt.idle_core_mask = 0;  // keep whatever idle-task monitoring the core was built with
#if CONFIG_ESP_TASK_WDT_CHECK_IDLE_TASK_CPU0
  wdt.idle_core_mask |= 1U << 0;
#endif
#if CONFIG_ESP_TASK_WDT_CHECK_IDLE_TASK_CPU1
  wdt.idle_core_mask |= 1U << 1;
#endif
  wdt.trigger_panic = true;
  if (esp_task_wdt_init(&wdt) == ESP_ERR_INVALID_STATE) esp_task_wdt_reconfigure(&wdt);
#else
  // IDF 4.4: reconfigures the watchdog the core already started.
  esp_task_wdt_init(HARBOR_WATCHDOG_TIMEOUT_S, true);
#endif
  s.loopTask = xTaskGetCurrentTaskHandle();
  esp_task_wdt_add(nullptr);
}

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

void begin(const DeviceConfig& config) {
  Serial.begin(115200);
  s.config = &config;
  if (s.ringMutex == nullptr) s.ringMutex = xSemaphoreCreateMutex();
  s.logMutex = xSemaphoreCreateMutex();
  startWatchdog();

#if defined(HARBOR_STATUS_LED_PIN)
  pinMode(HARBOR_STATUS_LED_PIN, OUTPUT);
  s.indicator = static_cast<uint8_t>(Indicator::Offline);
  driveLed(monotonicMs());
#endif

  // The credentials live in the firmware; writing them to NVS on every boot would wear flash.
  WiFi.persistent(false);
  WiFi.onEvent(onWifiEvent);
  WiFi.mode(WIFI_STA);
  WiFi.setAutoReconnect(false);  // reconnects follow our jittered backoff instead

  configTime(0, 0, "pool.ntp.org", "time.google.com", "time.cloudflare.com");

  if (config.tlsInsecure) {
    gTls.setInsecure();
    s.trustConfigured = true;
  } else if (config.caPem != nullptr && config.caPem[0] != '\0') {
    gTls.setCACert(config.caPem);  // mbedTLS parses every root in the PEM string
    s.trustConfigured = true;
  } else if (strncmp(config.baseUrl, "https://", 8) == 0) {
    log(arduino::kNoRootCaMessage);
  }
  // The 2.0.x core also applies the connect timeout to the handshake, so both end at 5 s.
  gTls.setHandshakeTimeout(kHandshakeTimeoutS);

  gHttp.configure(kReadTimeoutMs);
  gHttp.client().setConnectTimeout(kConnectTimeoutMs);

  const uint64_t now = monotonicMs();
  gWifi.begin(now);
  startJoin(now);

  char line[160];
  snprintf(line, sizeof line, "[harbor] platform arduino-esp32 %s | Wi-Fi \"%s\"", ESP.getChipModel(),
           config.wifiSsid);
  log(line);
}

uint64_t monotonicMs() { return static_cast<uint64_t>(esp_timer_get_time()) / 1000ULL; }

bool utcOffsetMs(int64_t* offsetMs) {
  struct timeval tv;
  return gettimeofday(&tv, nullptr) == 0 &&
         wallClockOffsetMs(tv.tv_sec, tv.tv_usec, monotonicMs(), offsetMs);
}

bool networkUp() { return s.gotIp; }

void maintainNetwork() {
  const uint64_t now = monotonicMs();
  driveLed(now);
  const ReconnectScheduler::Step step = gWifi.poll(now, s.gotIp, s.joining);
  if (step.gotIp) {
    char line[96];
    snprintf(line, sizeof line, "[harbor] Wi-Fi connected, IP %s, RSSI %d dBm",
             WiFi.localIP().toString().c_str(), static_cast<int>(WiFi.RSSI()));
    log(line);
  }
  if (step.lostIp) {
    char line[96];
    snprintf(line, sizeof line, "[harbor] Wi-Fi lost (reason %u), reconnecting",
             static_cast<unsigned>(s.disconnectReason));
    log(line);
  }
  if (step.restartRadio) restartRadio();
  if (step.join) startJoin(now);
}

uint32_t random32() { return esp_random(); }

void log(const char* line) {
  const bool locked = s.logMutex != nullptr && xSemaphoreTake(s.logMutex, portMAX_DELAY) == pdTRUE;
  Serial.println(line);
  if (locked) xSemaphoreGive(s.logMutex);
}

void feedWatchdog() {
  // Only subscribed tasks may feed; IDF 5 logs an error for any other caller.
  const TaskHandle_t self = xTaskGetCurrentTaskHandle();
  if (self == s.loopTask || self == s.senderTask) esp_task_wdt_reset();
}

void macHex(char out[13]) {
  uint8_t mac[6] = {0, 0, 0, 0, 0, 0};
  WiFi.macAddress(mac);
  snprintf(out, 13, "%02x%02x%02x%02x%02x%02x", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

bool readBuiltin(Source source, double* value) {
  switch (source) {
    case Source::WifiRssi: {
      if (!s.gotIp) return false;
      const int rssi = WiFi.RSSI();
      if (rssi == 0) return false;  // the driver reports 0 when it has no reading
      *value = rssi;
      return true;
    }
    case Source::FreeHeap:
      *value = ESP.getFreeHeap();
      return true;
    case Source::Uptime:
      *value = static_cast<double>(monotonicMs() / 1000ULL);
      return true;
    case Source::ChipTemperature:
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
  if (xTaskGetCurrentTaskHandle() == s.loopTask) driveLed(monotonicMs());
#endif
}

HttpResponse httpPost(const char* url, const char* apiKey, const char* body, size_t length) {
  HttpResponse response;
  response.status = 0;
  response.error = TransportError::None;
  response.retryAfter[0] = '\0';
  feedWatchdog();

  const bool https = strncmp(url, "https://", 8) == 0;
  WiFiClient& client = https ? static_cast<WiFiClient&>(gTls) : gPlain;
  if (https && !s.trustConfigured) {
    response.error = TransportError::Tls;
    return response;
  }
  const arduino::HttpAttempt attempt = gHttp.post(client, url, apiKey, body, length, &response);
  feedWatchdog();
  gHttp.finish(attempt, https, &response);
  return response;
}

bool startSender(void (*task)(void* arg), void* arg) {
  s.senderFn = task;
  s.senderArg = arg;
  return xTaskCreatePinnedToCore(senderMain, "harbor_tx", kSenderStackBytes, nullptr, 1, nullptr,
                                 kSenderCore) == pdPASS;
}

void lock() {
  // Created lazily too: the sender task only exists after begin(), so this cannot race.
  if (s.ringMutex == nullptr) s.ringMutex = xSemaphoreCreateMutex();
  xSemaphoreTake(s.ringMutex, portMAX_DELAY);
}

void unlock() { xSemaphoreGive(s.ringMutex); }

void idleUntil(uint64_t wakeAtMs) {
  feedWatchdog();
  const uint64_t now = monotonicMs();
  if (xTaskGetCurrentTaskHandle() == s.loopTask) driveLed(now);
  if (wakeAtMs <= now) return;
  uint64_t waitMs = wakeAtMs - now;
  if (waitMs > kIdleSliceMs) waitMs = kIdleSliceMs;
  TickType_t ticks = pdMS_TO_TICKS(static_cast<uint32_t>(waitMs));
  vTaskDelay(ticks > 0 ? ticks : 1);
}

void restart() {
  Serial.flush();
  ESP.restart();
}

}  // namespace platform
}  // namespace harbor
