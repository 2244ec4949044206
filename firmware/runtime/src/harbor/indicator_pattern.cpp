#include "harbor/indicator_pattern.h"

namespace harbor {

bool indicatorLit(platform::Indicator state, uint64_t nowMs) {
  switch (state) {
    case platform::Indicator::Ok:
      return false;
    case platform::Indicator::Sending:
      return true;
    case platform::Indicator::Offline:
      return (nowMs / kOfflineBlinkHalfMs) % 2 == 0;
    case platform::Indicator::ConfigError:
      return (nowMs / kConfigErrorBlinkHalfMs) % 2 == 0;
  }
  return false;
}

}  // namespace harbor
