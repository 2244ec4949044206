// Deep sleep (--power deep-sleep:interval=<s>,send-every=<n>): each wake
// samples every component once, keeps the readings, sends every n-th wake,
// and sleeps until the next. What must outlive the sleep and fits is kept in
// RTC memory (the wake count, the counters, the readings not in flash);
// a power cut clears it, and the flash store keeps what it wrote.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/device.h"

namespace harbor {

struct SleepConfig {
  uint32_t intervalMs;
  uint32_t sendEvery;   // join Wi-Fi and send on every n-th wake
  uint32_t sendTimeoutMs;
};

// What one wake does; never returns (it ends in platform::deepSleep()).
// `image` (`imageBytes`) is the RAM copy of RTC memory, read and written whole.
void runSleepCycle(Device& device, const SleepConfig& config, uint8_t* image, size_t imageBytes);

}  // namespace harbor
