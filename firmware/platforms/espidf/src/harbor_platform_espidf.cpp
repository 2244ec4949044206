// harbor::platform for ESP-IDF 5.3.4+, 5.4.2+ and 5.5+ (PlatformIO espressif32 6.13.0 ships 5.5.3).
//
// Threads: app_main (the main task) samples; sending runs in its own task so
// sampling never waits on the network. Wi-Fi events arrive in the default
// event loop task, which also starts reconnects (through an esp_timer, so the
// backoff never blocks anyone). The project's sdkconfig.defaults turns on the
// certificate bundle, TLS session tickets and a 60 s task watchdog.
#include <driver/gpio.h>
#include <esp_adc/adc_cali.h>
#include <esp_adc/adc_cali_scheme.h>
#include <esp_adc/adc_oneshot.h>
#include <esp_crt_bundle.h>
#include <esp_err.h>
#include <esp_event.h>
#include <esp_http_client.h>
#include <esp_idf_version.h>
#include <esp_log.h>
#include <esp_mac.h>
#include <esp_netif.h>
#include <esp_netif_sntp.h>
#include <esp_random.h>
#include <esp_system.h>
#include <esp_timer.h>
#include <esp_tls.h>
#include <esp_wifi.h>
#include <freertos/FreeRTOS.h>
#include <math.h>
#include <nvs_flash.h>
#include <soc/soc_caps.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>

#if SOC_TEMP_SENSOR_SUPPORTED
#include <driver/temperature_sensor.h>  // S2/S3/C3/C6...; the classic ESP32 has no usable sensor
#endif

#include "harbor/flash_data.h"
#include "harbor/page_store.h"
#include "harbor/platform.h"
#include "harbor/reconnect_scheduler.h"
#include "harbor/uplink_types.h"
#include "harbor/wall_clock.h"
#include "harbor_esp32_tasks.h"
#include "harbor_status_led.h"

// esp_http_client_get_and_clear_last_tls_error() arrived in 5.3.4 and 5.4.2 (and 5.5),
// save_client_session in 5.3, ADC_ATTEN_DB_12 in 5.1.3: older releases fail to build.
#if ESP_IDF_VERSION < ESP_IDF_VERSION_VAL(5, 3, 4) || \
    (ESP_IDF_VERSION >= ESP_IDF_VERSION_VAL(5, 4, 0) && ESP_IDF_VERSION < ESP_IDF_VERSION_VAL(5, 4, 2))
#error "harbor_platform (espidf) needs ESP-IDF 5.3.4 or later in 5.3, 5.4.2 or later in 5.4, or 5.5 and newer: update ESP-IDF (PlatformIO's espressif32 6.13.0 ships 5.5.3)."
#endif

namespace harbor {
namespace platform {
namespace {

// esp_http_client has one timeout: it bounds TCP connect plus TLS handshake
// together, and then each read; there is no separate 5 s connect limit.
const int kHttpTimeoutMs = 10000;
const uint32_t kStaleRetryWindowMs = 1000;
// The driver's events start each reconnect (through an esp_timer), so only the
// backoff and the radio-restart timing are used, not a ReconnectScheduler.
const ReconnectTiming kReconnectTiming = {
    1000,                // backoff base
    60000,               // backoff cap
    6,                   // doublings before the cap
    0,                   // join timeout: unused, the driver reports each failed join
    3ULL * 60 * 1000,    // radio restart
};
const uint32_t kSenderStackBytes = 10240;  // esp_http_client plus the mbedTLS handshake
const int kAdcSamples = 4;

struct AdcChannel {
  bool configured;
  bool calibrated;
  adc_cali_handle_t cali;
};

struct State {
  const UplinkConfig* config;
  bool ownWifi;  // beginWifi() ran: our handlers track the station

  esp_netif_t* netif;
  esp_timer_handle_t reconnectTimer;
  volatile bool gotIp;
  volatile uint8_t disconnectReason;
  volatile uint32_t attempts;
  bool wasUp;
  uint64_t lastIpMs;
  uint64_t lastRadioRestartMs;

  esp_http_client_handle_t http;
  volatile bool httpConnected;
  HttpResponse* inFlight;  // where HTTP_EVENT_ON_HEADER stores Retry-After
  char url[320];

  adc_oneshot_unit_handle_t adc1;
  AdcChannel adcChannels[SOC_ADC_MAX_CHANNEL_NUM];
  bool adcCalibrationWarned;

  volatile uint8_t indicator;
};

State s;

void onReconnectTimer(void*) { esp_wifi_connect(); }

void scheduleReconnect() {
  const uint32_t delayMs = reconnectBackoffMs(kReconnectTiming, s.attempts, esp_random());
  s.attempts = s.attempts + 1;
  esp_timer_stop(s.reconnectTimer);  // fails harmlessly when it is not running
  esp_timer_start_once(s.reconnectTimer, static_cast<uint64_t>(delayMs) * 1000ULL);
}

void onNetworkEvent(void*, esp_event_base_t base, int32_t id, void* data) {
  if (base == WIFI_EVENT && id == WIFI_EVENT_STA_START) {
    esp_wifi_connect();
  } else if (base == WIFI_EVENT && id == WIFI_EVENT_STA_DISCONNECTED) {
    s.gotIp = false;
    s.disconnectReason = static_cast<wifi_event_sta_disconnected_t*>(data)->reason;
    scheduleReconnect();
  } else if (base == IP_EVENT && id == IP_EVENT_STA_GOT_IP) {
    s.gotIp = true;
    s.attempts = 0;
  } else if (base == IP_EVENT && id == IP_EVENT_STA_LOST_IP) {
    s.gotIp = false;
  }
}

void startWifi(const char* ssid, const char* password) {
  esp_err_t err = nvs_flash_init();  // the Wi-Fi driver keeps its calibration data in NVS
  if (err == ESP_ERR_NVS_NO_FREE_PAGES || err == ESP_ERR_NVS_NEW_VERSION_FOUND) {
    ESP_ERROR_CHECK(nvs_flash_erase());
    err = nvs_flash_init();
  }
  ESP_ERROR_CHECK(err);
  ESP_ERROR_CHECK(esp_netif_init());
  err = esp_event_loop_create_default();
  if (err != ESP_OK && err != ESP_ERR_INVALID_STATE) ESP_ERROR_CHECK(err);
  s.netif = esp_netif_create_default_wifi_sta();

  wifi_init_config_t init = WIFI_INIT_CONFIG_DEFAULT();
  ESP_ERROR_CHECK(esp_wifi_init(&init));
  ESP_ERROR_CHECK(esp_event_handler_instance_register(WIFI_EVENT, ESP_EVENT_ANY_ID,
                                                      &onNetworkEvent, nullptr, nullptr));
  ESP_ERROR_CHECK(esp_event_handler_instance_register(IP_EVENT, ESP_EVENT_ANY_ID,
                                                      &onNetworkEvent, nullptr, nullptr));

  esp_timer_create_args_t timerArgs = {};
  timerArgs.callback = &onReconnectTimer;
  timerArgs.name = "harbor_wifi";
  ESP_ERROR_CHECK(esp_timer_create(&timerArgs, &s.reconnectTimer));

  wifi_config_t wifi = {};
  // The generator keeps both within the 802.11 limits (32 and 64 bytes), so nothing is cut.
  memcpy(wifi.sta.ssid, ssid, strnlen(ssid, sizeof wifi.sta.ssid));
  const bool open = password == nullptr || password[0] == '\0';
  if (!open) memcpy(wifi.sta.password, password, strnlen(password, sizeof wifi.sta.password));
  wifi.sta.threshold.authmode = open ? WIFI_AUTH_OPEN : WIFI_AUTH_WPA2_PSK;
  // The credentials are in the firmware: keeping them out of NVS saves a flash write per boot.
  ESP_ERROR_CHECK(esp_wifi_set_storage(WIFI_STORAGE_RAM));
  ESP_ERROR_CHECK(esp_wifi_set_mode(WIFI_MODE_STA));
  ESP_ERROR_CHECK(esp_wifi_set_config(WIFI_IF_STA, &wifi));
  ESP_ERROR_CHECK(esp_wifi_start());  // WIFI_EVENT_STA_START then connects
}

void startSntp() {
  // Field by field rather than ESP_NETIF_SNTP_DEFAULT_CONFIG: that macro is a C
  // designated initializer, which C++ only accepts in exact declaration order.
  // Re-syncs every CONFIG_LWIP_SNTP_UPDATE_DELAY (1 h by default).
  esp_sntp_config_t sntp = {};
  sntp.smooth_sync = false;
  sntp.server_from_dhcp = false;
  sntp.wait_for_sync = false;  // nobody waits: utcOffsetMs() checks the clock instead
  sntp.start = true;
  sntp.renew_servers_after_new_IP = false;  // so ip_event_to_renew (5.1.1+ only) is never read
  sntp.index_of_first_server = 0;
  sntp.num_of_servers = 1;
  sntp.servers[0] = "pool.ntp.org";
  esp_netif_sntp_init(&sntp);
}

esp_err_t onHttpEvent(esp_http_client_event_t* evt) {
  switch (evt->event_id) {
    case HTTP_EVENT_ON_CONNECTED:
      s.httpConnected = true;
      break;
    case HTTP_EVENT_DISCONNECTED:
      s.httpConnected = false;
      break;
    case HTTP_EVENT_ON_HEADER:
      if (s.inFlight != nullptr && evt->header_key != nullptr && evt->header_value != nullptr &&
          strcasecmp(evt->header_key, "Retry-After") == 0) {
        snprintf(s.inFlight->retryAfter, sizeof s.inFlight->retryAfter, "%s", evt->header_value);
      } else if (s.inFlight != nullptr && evt->header_key != nullptr && evt->header_value != nullptr &&
                 strcasecmp(evt->header_key, "Date") == 0) {
        snprintf(s.inFlight->date, sizeof s.inFlight->date, "%s", evt->header_value);
      }
      break;
    default:
      break;
  }
  return ESP_OK;
}

bool openHttpClient(const char* url, const char* apiKey) {
  const UplinkConfig& c = *s.config;
  esp_http_client_config_t cfg = {};
  cfg.url = url;
  cfg.method = HTTP_METHOD_POST;
  cfg.timeout_ms = kHttpTimeoutMs;
  cfg.event_handler = &onHttpEvent;
  cfg.disable_auto_redirect = true;
  cfg.keep_alive_enable = true;  // TCP keep-alive on the one reused connection
  cfg.is_async = false;
  cfg.buffer_size = 1024;
  cfg.buffer_size_tx = 1024;
  if (c.caPem != nullptr && c.caPem[0] != '\0') {
    cfg.cert_pem = c.caPem;  // a pinned root CA (PEM, may hold several)
  } else {
    cfg.crt_bundle_attach = esp_crt_bundle_attach;  // ESP-IDF's Mozilla-derived bundle
  }
#if CONFIG_ESP_TLS_CLIENT_SESSION_TICKETS
  cfg.save_client_session = true;  // a rebuilt connection resumes instead of a full handshake
#endif
  s.http = esp_http_client_init(&cfg);
  if (s.http == nullptr) return false;
  esp_http_client_set_header(s.http, "Content-Type", "application/json");
  esp_http_client_set_header(s.http, "X-API-Key", apiKey);  // headers persist across requests
  // The API needs only these two; the client's own "User-Agent: ESP32 HTTP Client/1.0" is 36 bytes of every request.
  esp_http_client_delete_header(s.http, "User-Agent");
  snprintf(s.url, sizeof s.url, "%s", url);
  return true;
}

bool isConnectError(esp_err_t tlsErr) {
  switch (tlsErr) {
    case ESP_OK:
#ifdef ESP_ERR_ESP_TLS_CANNOT_RESOLVE_HOSTNAME
    case ESP_ERR_ESP_TLS_CANNOT_RESOLVE_HOSTNAME:
#endif
#ifdef ESP_ERR_ESP_TLS_CANNOT_CREATE_SOCKET
    case ESP_ERR_ESP_TLS_CANNOT_CREATE_SOCKET:
#endif
#ifdef ESP_ERR_ESP_TLS_UNSUPPORTED_PROTOCOL_FAMILY
    case ESP_ERR_ESP_TLS_UNSUPPORTED_PROTOCOL_FAMILY:
#endif
#ifdef ESP_ERR_ESP_TLS_FAILED_CONNECT_TO_HOST
    case ESP_ERR_ESP_TLS_FAILED_CONNECT_TO_HOST:
#endif
#ifdef ESP_ERR_ESP_TLS_SOCKET_SETOPT_FAILED
    case ESP_ERR_ESP_TLS_SOCKET_SETOPT_FAILED:
#endif
      return true;
    default:
      return false;
  }
}

TransportError classify(esp_err_t err) {
#ifdef ESP_ERR_HTTP_EAGAIN
  if (err == ESP_ERR_HTTP_EAGAIN) return TransportError::Timeout;  // a read timed out
#endif
  if (err == ESP_ERR_HTTP_CONNECT) {
    int tlsCode = 0;
    int tlsFlags = 0;
    const esp_err_t tlsErr = esp_http_client_get_and_clear_last_tls_error(s.http, &tlsCode, &tlsFlags);
#ifdef ESP_ERR_ESP_TLS_CONNECTION_TIMEOUT
    if (tlsErr == ESP_ERR_ESP_TLS_CONNECTION_TIMEOUT) return TransportError::Timeout;
#endif
    if (isConnectError(tlsErr) && tlsCode == 0 && tlsFlags == 0) return TransportError::Connect;
    char line[160];
    snprintf(line, sizeof line, "[harbor] TLS handshake failed: %s (mbedTLS -0x%04x, verify flags 0x%x)",
             esp_err_to_name(tlsErr), static_cast<unsigned>(-tlsCode), static_cast<unsigned>(tlsFlags));
    log(line);
    return TransportError::Tls;
  }
  if (err == ESP_ERR_HTTP_WRITE_DATA || err == ESP_ERR_HTTP_FETCH_HEADER) return TransportError::Closed;
#ifdef ESP_ERR_HTTP_CONNECTION_CLOSED
  if (err == ESP_ERR_HTTP_CONNECTION_CLOSED) return TransportError::Closed;
#endif
  return TransportError::Other;
}

// Only a failure to write the request. FETCH_HEADER and CONNECTION_CLOSED come
// after it was written: the Harbor may have stored the batch, so the retry goes
// through the sender's backoff, never an immediate resend.
bool isStaleConnectionError(esp_err_t err) { return err == ESP_ERR_HTTP_WRITE_DATA; }

BaseType_t senderCore() {
#if CONFIG_FREERTOS_UNICORE
  return 0;
#else
  return xPortGetCoreID() == 0 ? 1 : 0;  // away from the sampling task
#endif
}

#if defined(HARBOR_STATUS_LED_PIN)
void driveLed(uint64_t now) {
  gpio_set_level(static_cast<gpio_num_t>(HARBOR_STATUS_LED_PIN), board::statusLedHigh(s.indicator, now) ? 1 : 0);
}
#else
void driveLed(uint64_t) {}
#endif

bool createAdcCalibration(adc_channel_t channel, adc_cali_handle_t* out) {
#if ADC_CALI_SCHEME_CURVE_FITTING_SUPPORTED
  adc_cali_curve_fitting_config_t cfg = {};
  cfg.unit_id = ADC_UNIT_1;
  cfg.chan = channel;
  cfg.atten = ADC_ATTEN_DB_12;
  cfg.bitwidth = ADC_BITWIDTH_DEFAULT;
  return adc_cali_create_scheme_curve_fitting(&cfg, out) == ESP_OK;
#elif ADC_CALI_SCHEME_LINE_FITTING_SUPPORTED
  (void)channel;
  adc_cali_line_fitting_config_t cfg = {};
  cfg.unit_id = ADC_UNIT_1;
  cfg.atten = ADC_ATTEN_DB_12;
  cfg.bitwidth = ADC_BITWIDTH_DEFAULT;
#if CONFIG_IDF_TARGET_ESP32
  cfg.default_vref = 1100;  // nominal reference for chips without a burnt-in Vref
#endif
  return adc_cali_create_scheme_line_fitting(&cfg, out) == ESP_OK;
#else
  (void)channel;
  (void)out;
  return false;
#endif
}

#if SOC_TEMP_SENSOR_SUPPORTED
bool readChipTemperature(double* value) {
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
    if (temperature_sensor_enable(sensor) != ESP_OK) return false;
  }
  float celsius = NAN;
  if (temperature_sensor_get_celsius(sensor, &celsius) != ESP_OK || !isfinite(celsius)) return false;
  *value = celsius;
  return true;
}
#else
bool readChipTemperature(double*) { return false; }
#endif

}  // namespace

void beginConsole() {}  // printf() already reaches the console UART

void beginWatchdog() {
  const freertos::TaskSettings tasks = {kSenderStackBytes, &senderCore, &driveLed};
  freertos::begin(tasks);
}

void beginUplink(const UplinkConfig& config) {
  s.config = &config;
  // At debug level esp_http_client prints every request header it writes,
  // X-API-Key included: never let a raised log level put the key on the serial port.
  esp_log_level_set("HTTP_CLIENT", ESP_LOG_INFO);
  if (!freertos::begun()) {
    // A program of the user's own: its watchdog set-up stays as it is.
    const freertos::TaskSettings tasks = {kSenderStackBytes, &senderCore, &driveLed};
    freertos::begin(tasks, false);
  }
#if defined(HARBOR_STATUS_LED_PIN)
  gpio_reset_pin(static_cast<gpio_num_t>(HARBOR_STATUS_LED_PIN));
  gpio_set_direction(static_cast<gpio_num_t>(HARBOR_STATUS_LED_PIN), GPIO_MODE_OUTPUT);
  s.indicator = static_cast<uint8_t>(Indicator::Offline);
  driveLed(monotonicMs());
#endif
  if (config.tlsInsecure) {
    log("[harbor] NOTE: ESP-IDF builds always verify TLS (certificate bundle or the configured "
        "root CA); insecure mode is ignored. Use --ca-file for a private CA.");
  }
  // A program that set the clock up itself keeps its SNTP client.
  struct timeval tv;
  gettimeofday(&tv, nullptr);
  if (!wallClockSet(tv.tv_sec)) startSntp();

  char line[96];
  snprintf(line, sizeof line, "[harbor] platform espidf %s", esp_get_idf_version());
  log(line);
}

void beginWifi(const char* ssid, const char* password) {
  s.ownWifi = true;
  startWifi(ssid, password);
  const uint64_t now = monotonicMs();
  s.lastIpMs = now;
  s.lastRadioRestartMs = now;
  char shown[33];
  flash::copy(shown, sizeof shown, ssid);
  char line[64];
  snprintf(line, sizeof line, "[harbor] Wi-Fi \"%s\"", shown);
  log(line);
}

bool networkUp() {
  if (s.ownWifi) return s.gotIp;
  // The user's program brought Wi-Fi up: ask the interface it made.
  esp_netif_t* netif = esp_netif_get_handle_from_ifkey("WIFI_STA_DEF");
  esp_netif_ip_info_t ip = {};
  return netif != nullptr && esp_netif_is_netif_up(netif) && esp_netif_get_ip_info(netif, &ip) == ESP_OK &&
         ip.ip.addr != 0;
}

void maintainNetwork() {
  const uint64_t now = monotonicMs();
  if (!s.ownWifi) return;
  if (s.gotIp) {
    if (!s.wasUp) {
      s.wasUp = true;
      esp_netif_ip_info_t ip = {};
      esp_netif_get_ip_info(s.netif, &ip);
      wifi_ap_record_t ap = {};
      const int rssi = esp_wifi_sta_get_ap_info(&ap) == ESP_OK ? ap.rssi : 0;
      char line[96];
      snprintf(line, sizeof line, "[harbor] Wi-Fi connected, IP " IPSTR ", RSSI %d dBm",
               IP2STR(&ip.ip), rssi);
      log(line);
    }
    s.lastIpMs = now;
    return;
  }
  if (s.wasUp) {
    s.wasUp = false;
    char line[96];
    snprintf(line, sizeof line, "[harbor] Wi-Fi lost (reason %u), reconnecting",
             static_cast<unsigned>(s.disconnectReason));
    log(line);
  }
  if (radioRestartDue(kReconnectTiming, now, s.lastIpMs, s.lastRadioRestartMs)) {
    log("[harbor] Wi-Fi: no IP address for 3 min, restarting the radio");
    s.lastRadioRestartMs = now;
    s.attempts = 0;
    esp_wifi_stop();
    esp_wifi_start();  // WIFI_EVENT_STA_START connects again
  }
}

void log(const char* line) { printf("%s\n", line); }  // one call: lines from two tasks do not interleave

void macHex(char out[13]) {
  uint8_t mac[6] = {0, 0, 0, 0, 0, 0};
  esp_read_mac(mac, ESP_MAC_WIFI_STA);
  snprintf(out, 13, "%02x%02x%02x%02x%02x%02x", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

bool readBuiltin(Builtin what, double* value) {
  switch (what) {
    case Builtin::WifiRssi: {
      if (!networkUp()) return false;
      wifi_ap_record_t ap = {};
      if (esp_wifi_sta_get_ap_info(&ap) != ESP_OK) return false;
      *value = ap.rssi;
      return true;
    }
    case Builtin::FreeHeap:
      *value = esp_get_free_heap_size();
      return true;
    case Builtin::ChipTemperature:
      return readChipTemperature(value);
    default:
      return false;
  }
}

bool readAnalogMillivolts(int pin, double* millivolts) {
  if (pin < 0) return false;
  adc_unit_t unit;
  adc_channel_t channel;
  if (adc_oneshot_io_to_channel(pin, &unit, &channel) != ESP_OK) return false;
  // ADC2 is shared with the Wi-Fi radio and cannot be read reliably while it runs.
  if (unit != ADC_UNIT_1 || static_cast<int>(channel) >= SOC_ADC_MAX_CHANNEL_NUM) return false;
  if (s.adc1 == nullptr) {
    adc_oneshot_unit_init_cfg_t unitCfg = {};
    unitCfg.unit_id = ADC_UNIT_1;
    if (adc_oneshot_new_unit(&unitCfg, &s.adc1) != ESP_OK) {
      s.adc1 = nullptr;
      return false;
    }
  }
  AdcChannel& ch = s.adcChannels[channel];
  if (!ch.configured) {
    adc_oneshot_chan_cfg_t chanCfg = {};
    chanCfg.atten = ADC_ATTEN_DB_12;  // the full 0-3.1 V range
    chanCfg.bitwidth = ADC_BITWIDTH_DEFAULT;
    if (adc_oneshot_config_channel(s.adc1, channel, &chanCfg) != ESP_OK) return false;
    ch.calibrated = createAdcCalibration(channel, &ch.cali);
    ch.configured = true;
  }
  if (!ch.calibrated) {
    if (!s.adcCalibrationWarned) {
      s.adcCalibrationWarned = true;
      log("[harbor] ADC calibration is not available on this chip: analog readings are skipped");
    }
    return false;
  }
  int sum = 0;
  for (int i = 0; i < kAdcSamples; ++i) {
    int raw = 0;
    if (adc_oneshot_read(s.adc1, channel, &raw) != ESP_OK) return false;
    sum += raw;
  }
  int mv = 0;
  if (adc_cali_raw_to_voltage(ch.cali, sum / kAdcSamples, &mv) != ESP_OK) return false;
  *millivolts = mv;
  return true;
}

void indicate(Indicator state) {
  s.indicator = static_cast<uint8_t>(state);
  if (freertos::inLoopTask()) driveLed(monotonicMs());
}

HttpResponse httpPost(const char* url, const char* apiKey, const char* body, size_t length) {
  HttpResponse response;
  memset(&response, 0, sizeof response);
  response.error = TransportError::None;
  feedWatchdog();

  if (s.http == nullptr) {
    if (!openHttpClient(url, apiKey)) {
      response.error = TransportError::Other;
      return response;
    }
  } else if (strcmp(s.url, url) != 0) {
    esp_http_client_set_url(s.http, url);
    snprintf(s.url, sizeof s.url, "%s", url);
  }
  esp_http_client_set_post_field(s.http, body, static_cast<int>(length));

  s.inFlight = &response;
  const bool reused = s.httpConnected;
  uint64_t started = monotonicMs();
  esp_err_t err = esp_http_client_perform(s.http);
  if (err != ESP_OK && reused && isStaleConnectionError(err) &&
      monotonicMs() - started < kStaleRetryWindowMs) {
    // The kept-alive connection was dead before the request was written: it never
    // arrived, so one immediate retry on a fresh connection is safe.
    esp_http_client_close(s.http);
    feedWatchdog();
    started = monotonicMs();
    err = esp_http_client_perform(s.http);
  }
  s.inFlight = nullptr;
  feedWatchdog();

  // Written in full, as the Harbor counts requests: an answer came, or the
  // connection failed only once the request was out.
  if (err == ESP_OK || (err != ESP_ERR_HTTP_CONNECT && !isStaleConnectionError(err))) response.attempts = 1;
  if (err == ESP_OK) {
    response.status = esp_http_client_get_status_code(s.http);
  } else {
    response.error = classify(err);
    esp_http_client_close(s.http);  // start the next request from a clean connection
  }
  return response;
}

// feedWatchdog, startSender, lock, unlock and idleUntil: esp32-common/harbor_esp32_tasks.cpp;
// monotonicMs and random32: esp32-common/harbor_esp32_clock.cpp; utcOffsetMs: board-common.

void restart() {
  fflush(stdout);
  esp_restart();
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

// No LittleFS component in ESP-IDF projects yet, so the generator refuses
// --storage flash here (flash-plan.ts); a store that cannot begin() is what
// page_store.h says the ring then gets: it keeps its readings in RAM and says so.
namespace {
class NoPages : public PageStore {
 public:
  bool begin() override { return false; }
  uint32_t pageCount() const override { return 0; }
  size_t pageBytes() const override { return 0; }
  bool read(uint32_t, uint8_t*) override { return false; }
  bool write(uint32_t, const uint8_t*) override { return false; }
};
}  // namespace

PageStore& flashPages(uint32_t, size_t) {
  static NoPages none;
  return none;
}

// The sensor buses: harbor_espidf_buses.cpp.

}  // namespace platform
}  // namespace harbor
