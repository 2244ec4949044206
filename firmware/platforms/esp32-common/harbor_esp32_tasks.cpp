// See harbor_esp32_tasks.h: the task, mutex and watchdog code of both ESP32 adapters.
#include "harbor_esp32_tasks.h"

#include <esp_err.h>
#include <esp_idf_version.h>
#include <esp_task_wdt.h>
#include <freertos/FreeRTOS.h>
#include <freertos/semphr.h>
#include <freertos/task.h>
#include <sdkconfig.h>

#include "harbor/platform.h"

namespace harbor {
namespace platform {
namespace {

const uint32_t kIdleSliceMs = 100;

struct Tasks {
  freertos::TaskSettings settings;
  bool begun;
  bool watchdog;
  SemaphoreHandle_t ringMutex;
  TaskHandle_t loopTask;
  TaskHandle_t senderTask;
  void (*senderFn)(void*);
  void* senderArg;
};

Tasks t;

void senderMain(void*) {
  t.senderTask = xTaskGetCurrentTaskHandle();
  if (t.watchdog) esp_task_wdt_add(nullptr);
  t.senderFn(t.senderArg);  // never returns in the runtime; guard anyway
  if (t.watchdog) esp_task_wdt_delete(nullptr);
  t.senderTask = nullptr;
  vTaskDelete(nullptr);
}

void startWatchdog() {
#if ESP_IDF_VERSION_MAJOR >= 5
  esp_task_wdt_config_t wdt = {};
  wdt.timeout_ms = HARBOR_WATCHDOG_TIMEOUT_S * 1000;
  wdt.idle_core_mask = 0;  // keep whatever idle-task monitoring sdkconfig asks for
#if CONFIG_ESP_TASK_WDT_CHECK_IDLE_TASK_CPU0
  wdt.idle_core_mask |= 1U << 0;
#endif
#if CONFIG_ESP_TASK_WDT_CHECK_IDLE_TASK_CPU1
  wdt.idle_core_mask |= 1U << 1;
#endif
  wdt.trigger_panic = true;
  // INVALID_STATE: running already (sdkconfig's CONFIG_ESP_TASK_WDT_INIT, arduino-esp32 3.x's too).
  if (esp_task_wdt_init(&wdt) == ESP_ERR_INVALID_STATE) esp_task_wdt_reconfigure(&wdt);
#else
  // IDF 4.4 (arduino-esp32 2.0.x): reconfigures the watchdog the core already started.
  esp_task_wdt_init(HARBOR_WATCHDOG_TIMEOUT_S, true);
#endif
  esp_task_wdt_add(nullptr);
}

}  // namespace

namespace freertos {

void begin(const TaskSettings& settings, bool watchdog) {
  t.settings = settings;
  t.begun = true;
  t.watchdog = watchdog;
  if (t.ringMutex == nullptr) t.ringMutex = xSemaphoreCreateMutex();
  t.loopTask = xTaskGetCurrentTaskHandle();
  if (watchdog) startWatchdog();
}

bool begun() { return t.begun; }

bool inLoopTask() { return xTaskGetCurrentTaskHandle() == t.loopTask; }

}  // namespace freertos

void feedWatchdog() {
  // Only subscribed tasks may feed; esp_task_wdt_reset() logs an error for any other caller on IDF 5.
  const TaskHandle_t self = xTaskGetCurrentTaskHandle();
  if (t.watchdog && (self == t.loopTask || self == t.senderTask)) esp_task_wdt_reset();
}

bool startSender(void (*task)(void* arg), void* arg) {
  t.senderFn = task;
  t.senderArg = arg;
  return xTaskCreatePinnedToCore(senderMain, "harbor_tx", t.settings.senderStackBytes, nullptr, 1,
                                 nullptr, t.settings.senderCore()) == pdPASS;
}

void lock() {
  // Created lazily too: the sender task only exists after begin(), so this cannot race.
  if (t.ringMutex == nullptr) t.ringMutex = xSemaphoreCreateMutex();
  xSemaphoreTake(t.ringMutex, portMAX_DELAY);
}

void unlock() { xSemaphoreGive(t.ringMutex); }

void idleUntil(uint64_t wakeAtMs) {
  feedWatchdog();
  const uint64_t now = monotonicMs();
  // driveLed is unset only before begin(), when no task is the loop task yet.
  if (freertos::inLoopTask() && t.settings.driveLed != nullptr) t.settings.driveLed(now);
  if (wakeAtMs <= now) return;
  uint64_t waitMs = wakeAtMs - now;
  if (waitMs > kIdleSliceMs) waitMs = kIdleSliceMs;
  const TickType_t ticks = pdMS_TO_TICKS(static_cast<uint32_t>(waitMs));
  vTaskDelay(ticks > 0 ? ticks : 1);
}

}  // namespace platform
}  // namespace harbor
