#include "digital_input_model.h"

namespace harbor {
namespace host {

int DigitalInputModel::level(uint64_t nowMs) {
  if (faults.unplugged(nowMs)) return 1;
  const int now = steady(nowMs);
  for (uint32_t back = 1; back <= bounceMs_ && back <= nowMs; ++back) {
    if (steady(nowMs - back) != now) return static_cast<int>(nowMs % 2);  // changed within the bounce: chatter
  }
  return now;
}

}  // namespace host
}  // namespace harbor
