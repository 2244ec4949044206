// The ESP32 family's pulse counter peripheral (PCNT) for platform::pulseBegin()
// and pulseCount() of both ESP32 adapters: ESP-IDF 5's driver/pulse_cnt.h
// (espidf; arduino-esp32 3.x) or IDF 4.4's legacy driver/pcnt.h (arduino-esp32
// 2.0.x). Counting in hardware costs no CPU per edge, but its glitch filter
// spans at most 1023 APB cycles (12.7 us): a longer debounce, a chip without
// PCNT (ESP32-C3) or all units taken leaves the count to the adapter's GPIO
// interrupt. Copied next to each ESP32 adapter's source in lib/harbor_platform/src.
#pragma once

#include <stdint.h>

#include "harbor/platform.h"
#include "harbor_bus_logic.h"

namespace harbor {
namespace platform {
namespace esp32 {

// True when a PCNT unit now counts `edge`s on `pin` for pulse unit `unit` (< bus::kPulseUnits).
bool pcntBegin(uint8_t unit, int pin, Pull pull, Edge edge, uint32_t debounceUs);

// Edges counted since pcntBegin(unit, ...) succeeded, wrapping at 2^32.
uint32_t pcntCount(uint8_t unit);

}  // namespace esp32
}  // namespace platform
}  // namespace harbor
