// The monotonic clock and random source of the two ESP32 adapters, which both
// have ESP-IDF's esp_timer and hardware RNG underneath.
#include <esp_system.h>
#include <esp_timer.h>
#if __has_include(<esp_random.h>)
#include <esp_random.h>  // esp_random() moved here in IDF 5; esp_system.h still pulls it in on IDF 4.4
#endif

#include "harbor/platform.h"

namespace harbor {
namespace platform {

uint64_t monotonicMs() { return static_cast<uint64_t>(esp_timer_get_time()) / 1000ULL; }

uint32_t random32() { return esp_random(); }

}  // namespace platform
}  // namespace harbor
