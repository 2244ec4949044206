// What the status LED shows for each platform::Indicator state, the same on
// every board: dark when all is well, lit while sending, a slow blink while
// offline and a fast one on a configuration error, the state a user must notice.
#pragma once

#include <stdint.h>

#include "harbor/platform.h"

namespace harbor {

const uint32_t kOfflineBlinkHalfMs = 1000;      // 1 s on, 1 s off
const uint32_t kConfigErrorBlinkHalfMs = 125;   // 4 flashes a second

// Whether the LED is lit for `state` at monotonic time `nowMs`. Blinks start
// lit at every multiple of twice their half-period. An active-low LED inverts
// this at the pin, in the adapter.
bool indicatorLit(platform::Indicator state, uint64_t nowMs);

}  // namespace harbor
