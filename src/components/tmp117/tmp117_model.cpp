#include "tmp117_model.h"

#include <math.h>

namespace harbor {
namespace host {

Tmp117Model::Tmp117Model(const Wave& temperature, const Faults& faults)
    : I2cModel(faults), oneShotMs(124), temperature_(temperature), pointer_(0), config_(0x0220),
      result_(0x8000), pending_(0), readyAtMs_(0), converting_(false) {}

platform::BusResult Tmp117Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                          uint64_t nowMs) {
  if (converting_ && nowMs >= readyAtMs_) {
    result_ = pending_;
    config_ = static_cast<uint16_t>((config_ & ~tmp117::kModeMask) | 0x0400 | tmp117::kDataReady);  // back to shutdown
    converting_ = false;
  }
  if (txLength > 0) pointer_ = tx[0];
  if (txLength >= 3 && pointer_ == tmp117::kRegConfiguration) {
    const uint16_t value = static_cast<uint16_t>(tx[1] << 8 | tx[2]);
    config_ = static_cast<uint16_t>((config_ & 0xF000) | (value & 0x0FFF));
    if ((value & tmp117::kModeMask) == 0x0C00) {
      const double steps = floor(temperature_.at(nowMs) / 0.0078125 + 0.5);
      pending_ = static_cast<uint16_t>(static_cast<int16_t>(steps));
      readyAtMs_ = nowMs + oneShotMs;
      converting_ = true;
    }
  }
  if (rxLength == 0) return platform::BusResult::Ok;
  uint16_t value = 0;
  if (pointer_ == tmp117::kRegTemperature) {
    value = result_;
    config_ = static_cast<uint16_t>(config_ & ~tmp117::kDataReady);
  } else if (pointer_ == tmp117::kRegConfiguration) {
    value = config_;
    config_ = static_cast<uint16_t>(config_ & ~tmp117::kDataReady);
  } else if (pointer_ == tmp117::kRegDeviceId) {
    value = 0x1117;  // revision 1
  }
  rx[0] = static_cast<uint8_t>(value >> 8);
  if (rxLength > 1) rx[1] = static_cast<uint8_t>(value);
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
