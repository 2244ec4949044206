// utcOffsetMs() of every board adapter: their SNTP clients (the cores'
// configTime(), esp_netif_sntp, arduino-pico's NTP) all set the C library's
// clock, so the wall clock is read the same way everywhere.
#include <sys/time.h>

#include "harbor/platform.h"
#include "harbor/wall_clock.h"

namespace harbor {
namespace platform {

bool utcOffsetMs(int64_t* offsetMs) {
  struct timeval tv;
  return gettimeofday(&tv, nullptr) == 0 &&
         wallClockOffsetMs(tv.tv_sec, tv.tv_usec, monotonicMs(), offsetMs);
}

}  // namespace platform
}  // namespace harbor
