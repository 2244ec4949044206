// The FreeRTOS side of the two ESP32 adapters (arduino-esp32 and espidf): the
// task watchdog, the sender task, the ring-buffer mutex and idleUntil(). Both
// run on ESP-IDF's FreeRTOS (IDF 4.4 under arduino-esp32 2.0.x, 5.x under
// arduino-esp32 3.x and for espidf) and do this alike; what differs between them is passed in here.
// Copied next to each adapter's source in lib/harbor_platform/src, where
// harbor_esp32_tasks.cpp defines feedWatchdog(), startSender(), lock(),
// unlock() and idleUntil() of harbor/platform.h for both.
#pragma once

#include <freertos/FreeRTOS.h>
#include <stdint.h>

#ifndef HARBOR_WATCHDOG_TIMEOUT_S
// Covers the longest blocking call: DNS, connect plus TLS handshake (5 s on
// arduino-esp32, 10 s on espidf), request and read (10 s). The espidf
// project's sdkconfig.defaults sets the same value.
#define HARBOR_WATCHDOG_TIMEOUT_S 60
#endif

namespace harbor {
namespace platform {
namespace freertos {

struct TaskSettings {
  uint32_t senderStackBytes;
  // The core the sender task is pinned to; asked when startSender() runs, in its caller's task.
  BaseType_t (*senderCore)();
  // Refreshes the status LED from the indicator state; idleUntil() calls it in the loop task only.
  void (*driveLed)(uint64_t nowMs);
};

// In the task that samples: creates the ring mutex and, when `watchdog` (the
// device owns the board: platform::beginWatchdog), (re)configures the task
// watchdog (HARBOR_WATCHDOG_TIMEOUT_S) and subscribes the calling task and,
// later, the sender task to it. A user's sketch keeps its own watchdog set-up:
// then nothing is subscribed (its timeout may be shorter than a send).
void begin(const TaskSettings& settings, bool watchdog = true);
bool begun();

// True in the task that called begin(), the only one that drives the LED.
bool inLoopTask();

}  // namespace freertos
}  // namespace platform
}  // namespace harbor
