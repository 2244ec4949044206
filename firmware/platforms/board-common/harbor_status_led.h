// The status LED's pin level, the same on every board adapter. Copied next to
// each adapter's source in lib/harbor_platform/src.
#pragma once

#include <stdint.h>

#include "harbor/indicator_pattern.h"
#include "harbor/platform.h"

namespace harbor {
namespace platform {
namespace board {

// True when the LED pin should be driven high: the indicator's blink pattern
// at `nowMs`, inverted where the board entry sets HARBOR_STATUS_LED_ACTIVE_LOW.
inline bool statusLedHigh(uint8_t indicator, uint64_t nowMs) {
  bool on = indicatorLit(static_cast<Indicator>(indicator), nowMs);
#if defined(HARBOR_STATUS_LED_ACTIVE_LOW) && HARBOR_STATUS_LED_ACTIVE_LOW
  on = !on;
#endif
  return on;
}

}  // namespace board
}  // namespace platform
}  // namespace harbor
