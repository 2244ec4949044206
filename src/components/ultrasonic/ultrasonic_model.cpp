#include "ultrasonic_model.h"

#include <math.h>

namespace harbor {
namespace host {

bool UltrasonicModel::echo(uint64_t nowMs, uint32_t* highUs) {
  const double m = metres_.at(nowMs);
  if (m > maxM_ || m <= 0) return false;
  *highUs = static_cast<uint32_t>(lround(2.0 * m / speed_ * 1e6));
  return true;
}

}  // namespace host
}  // namespace harbor
