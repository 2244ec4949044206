#include "dht_model.h"

#include <math.h>

namespace harbor {
namespace host {

platform::BusResult DhtModel::dhtFrame(uint64_t nowMs, uint8_t frame[5]) {
  const double t = celsius_.at(nowMs);
  const long h10 = lround(humidity_.at(nowMs) * 10);
  const long t10 = lround(fabs(t) * 10);
  if (variant_ == Dht::Variant::Dht11) {
    frame[0] = static_cast<uint8_t>(h10 / 10);
    frame[1] = static_cast<uint8_t>(h10 % 10);
    frame[2] = static_cast<uint8_t>(t10 / 10);
    frame[3] = static_cast<uint8_t>((t10 % 10) | (t < 0 && t10 != 0 ? 0x80 : 0));
  } else {
    frame[0] = static_cast<uint8_t>(h10 >> 8);
    frame[1] = static_cast<uint8_t>(h10);
    frame[2] = static_cast<uint8_t>((t10 >> 8) | (t < 0 && t10 != 0 ? 0x80 : 0));
    frame[3] = static_cast<uint8_t>(t10);
  }
  frame[4] = static_cast<uint8_t>(frame[0] + frame[1] + frame[2] + frame[3]);
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
