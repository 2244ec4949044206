// See harbor_esp32_pcnt.h.
#include "harbor_esp32_pcnt.h"

#include <esp_idf_version.h>
#include <soc/soc_caps.h>

#if SOC_PCNT_SUPPORTED
#include <driver/gpio.h>
#include <esp_attr.h>
#include <esp_err.h>
#if ESP_IDF_VERSION_MAJOR >= 5
#include <driver/pulse_cnt.h>
#else
#include <driver/pcnt.h>
#endif
#endif

namespace harbor {
namespace platform {
namespace esp32 {

#if SOC_PCNT_SUPPORTED
namespace {

// The glitch filter counts APB cycles (80 MHz) up to 1023.
const uint32_t kMaxFilterUs = 12;
// The hardware counter's range: on reaching it the counter restarts from 0
// and the overflow is added to a 32-bit total.
const int16_t kHighLimit = 32767;

bool countsRising(Edge edge) { return edge != Edge::Falling; }
bool countsFalling(Edge edge) { return edge != Edge::Rising; }

// The counter's channel sets a pull-up on its pin; this puts back the one asked for.
void applyPull(int pin, Pull pull) {
  const gpio_num_t gpio = static_cast<gpio_num_t>(pin);
  switch (pull) {
    case Pull::Up:
      gpio_set_pull_mode(gpio, GPIO_PULLUP_ONLY);
      break;
    case Pull::Down:
      gpio_set_pull_mode(gpio, GPIO_PULLDOWN_ONLY);
      break;
    default:
      gpio_set_pull_mode(gpio, GPIO_FLOATING);
      break;
  }
}

#if ESP_IDF_VERSION_MAJOR >= 5
pcnt_unit_handle_t gUnits[bus::kPulseUnits];

// The driver keeps the 32-bit total itself (accum_count): it adds the limit
// on each overflow and, reading, accounts for an overflow whose interrupt is
// still pending.
bool startUnit(uint8_t unit, int pin, Edge edge, uint32_t debounceUs) {
  pcnt_unit_config_t config = {};
  config.low_limit = -1;  // counts up only; the driver wants a limit below 0
  config.high_limit = kHighLimit;
  config.flags.accum_count = 1;
  pcnt_unit_handle_t handle = nullptr;
  if (pcnt_new_unit(&config, &handle) != ESP_OK) return false;  // every unit taken
  bool ok = true;
  if (debounceUs > 0) {
    pcnt_glitch_filter_config_t filter = {};
    filter.max_glitch_ns = debounceUs * 1000;
    ok = pcnt_unit_set_glitch_filter(handle, &filter) == ESP_OK;
  }
  pcnt_chan_config_t channelConfig = {};
  channelConfig.edge_gpio_num = pin;
  channelConfig.level_gpio_num = -1;
  pcnt_channel_handle_t channel = nullptr;
  ok = ok && pcnt_new_channel(handle, &channelConfig, &channel) == ESP_OK;
  ok = ok && pcnt_channel_set_edge_action(channel,
                                          countsRising(edge) ? PCNT_CHANNEL_EDGE_ACTION_INCREASE
                                                             : PCNT_CHANNEL_EDGE_ACTION_HOLD,
                                          countsFalling(edge) ? PCNT_CHANNEL_EDGE_ACTION_INCREASE
                                                              : PCNT_CHANNEL_EDGE_ACTION_HOLD) == ESP_OK;
  // The overflow interrupt only fires at a watch point.
  ok = ok && pcnt_unit_add_watch_point(handle, kHighLimit) == ESP_OK;
  ok = ok && pcnt_unit_enable(handle) == ESP_OK;
  ok = ok && pcnt_unit_clear_count(handle) == ESP_OK;
  ok = ok && pcnt_unit_start(handle) == ESP_OK;
  if (!ok) {
    // Leave nothing half set up for the interrupt fallback to trip over.
    if (channel != nullptr) pcnt_del_channel(channel);
    pcnt_del_unit(handle);
    return false;
  }
  gUnits[unit] = handle;
  return true;
}

uint32_t readUnit(uint8_t unit) {
  int count = 0;
  if (gUnits[unit] == nullptr || pcnt_unit_get_count(gUnits[unit], &count) != ESP_OK) return 0;
  // The driver's total is an int: past 2^31 it wraps to negative, which the cast maps onto 2^32.
  return static_cast<uint32_t>(count);
}
#else
// IDF 4.4: the legacy driver leaves the overflow total to us. Units are taken
// in order; the handler runs from the PCNT interrupt service.
struct LegacyUnit {
  bool begun;
  pcnt_unit_t id;
  volatile uint32_t overflows;
  uint32_t last;
};

LegacyUnit gUnits[bus::kPulseUnits];
uint8_t gUnitsTaken = 0;

void IRAM_ATTR onHighLimit(void* arg) {
  LegacyUnit* unit = static_cast<LegacyUnit*>(arg);
  unit->overflows = unit->overflows + 1;
}

bool startUnit(uint8_t unit, int pin, Edge edge, uint32_t debounceUs) {
  if (gUnitsTaken >= static_cast<uint8_t>(PCNT_UNIT_MAX)) return false;
  LegacyUnit& u = gUnits[unit];
  u.id = static_cast<pcnt_unit_t>(gUnitsTaken);
  pcnt_config_t config = {};
  config.pulse_gpio_num = pin;
  config.ctrl_gpio_num = PCNT_PIN_NOT_USED;
  config.lctrl_mode = PCNT_MODE_KEEP;
  config.hctrl_mode = PCNT_MODE_KEEP;
  config.pos_mode = countsRising(edge) ? PCNT_COUNT_INC : PCNT_COUNT_DIS;
  config.neg_mode = countsFalling(edge) ? PCNT_COUNT_INC : PCNT_COUNT_DIS;
  config.counter_h_lim = kHighLimit;
  config.counter_l_lim = -1;
  config.unit = u.id;
  config.channel = PCNT_CHANNEL_0;
  if (pcnt_unit_config(&config) != ESP_OK) return false;
  if (debounceUs > 0) {
    if (pcnt_set_filter_value(u.id, static_cast<uint16_t>(debounceUs * 80)) != ESP_OK) return false;
    pcnt_filter_enable(u.id);
  }
  const esp_err_t service = pcnt_isr_service_install(0);
  if (service != ESP_OK && service != ESP_ERR_INVALID_STATE) return false;  // INVALID_STATE: already installed
  pcnt_event_enable(u.id, PCNT_EVT_H_LIM);
  if (pcnt_isr_handler_add(u.id, onHighLimit, &u) != ESP_OK) return false;
  pcnt_counter_pause(u.id);
  pcnt_counter_clear(u.id);
  pcnt_counter_resume(u.id);
  u.overflows = 0;
  u.last = 0;
  u.begun = true;
  ++gUnitsTaken;
  return true;
}

uint32_t readUnit(uint8_t unit) {
  LegacyUnit& u = gUnits[unit];
  if (!u.begun) return 0;
  uint32_t overflows = 0;
  int16_t counter = 0;
  // Overflows first, then the counter: an overflow in between reads low, never high.
  do {
    overflows = u.overflows;
    pcnt_get_counter_value(u.id, &counter);
  } while (overflows != u.overflows);
  const uint32_t total = overflows * static_cast<uint32_t>(kHighLimit) + static_cast<uint16_t>(counter);
  return bus::monotonicCount(&u.last, total);
}
#endif

}  // namespace

bool pcntBegin(uint8_t unit, int pin, Pull pull, Edge edge, uint32_t debounceUs) {
  if (unit >= bus::kPulseUnits || debounceUs > kMaxFilterUs) return false;
  if (!startUnit(unit, pin, edge, debounceUs)) return false;
  applyPull(pin, pull);
  return true;
}

uint32_t pcntCount(uint8_t unit) { return unit < bus::kPulseUnits ? readUnit(unit) : 0; }

#else  // no PCNT on this chip (ESP32-C3)

bool pcntBegin(uint8_t, int, Pull, Edge, uint32_t) { return false; }
uint32_t pcntCount(uint8_t) { return 0; }

#endif

}  // namespace esp32
}  // namespace platform
}  // namespace harbor
