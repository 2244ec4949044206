#include "ads1115_model.h"

#include <math.h>

namespace harbor {
namespace host {

namespace {

const double kRangeV[8] = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};
const uint32_t kSps[8] = {8, 16, 32, 64, 128, 250, 475, 860};
// MUX 000..111: AIN0-AIN1, AIN0-AIN3, AIN1-AIN3, AIN2-AIN3, then AINx-GND (-1).
const int kPositive[8] = {0, 0, 1, 2, 0, 1, 2, 3};
const int kNegative[8] = {1, 3, 3, 3, -1, -1, -1, -1};

}  // namespace

Ads1115Model::Ads1115Model(const Wave& ain0, const Wave& ain1, const Wave& ain2, const Wave& ain3, const Faults& faults)
    : I2cModel(faults), config_(0x8583), conversion_(0), pending_(0), pointer_(0), readyAtUs_(0), converting_(false) {
  inputs_[0] = ain0;
  inputs_[1] = ain1;
  inputs_[2] = ain2;
  inputs_[3] = ain3;
}

platform::BusResult Ads1115Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                           uint64_t nowMs) {
  if (converting_ && nowMs * 1000 >= readyAtUs_) {
    converting_ = false;
    conversion_ = pending_;
  }
  if (txLength > 0) pointer_ = tx[0] & 3;
  if (txLength >= 3 && pointer_ == ads1115::kRegConfig) {
    const uint16_t value = static_cast<uint16_t>(tx[1] << 8 | tx[2]);
    config_ = static_cast<uint16_t>(value & 0x7FFF);
    if ((value & ads1115::kStart) && !converting_) {
      const uint8_t mux = (value >> 12) & 7;
      const double v = inputs_[kPositive[mux]].at(nowMs) - (kNegative[mux] < 0 ? 0 : inputs_[kNegative[mux]].at(nowMs));
      const double fsr = kRangeV[(value >> 9) & 7];
      const double code = floor(v / (fsr / 32768) + 0.5);
      pending_ = static_cast<uint16_t>(static_cast<int16_t>(code > 32767 ? 32767 : code < -32768 ? -32768 : code));
      readyAtUs_ = nowMs * 1000 + 1000000 / kSps[(value >> 5) & 7];
      converting_ = true;
    }
  }
  const uint16_t reg = pointer_ == ads1115::kRegConfig ? static_cast<uint16_t>(config_ | (converting_ ? 0 : ads1115::kStart))
                                                       : pointer_ == ads1115::kRegConversion ? conversion_ : 0;
  for (size_t i = 0; i < rxLength; ++i) rx[i] = static_cast<uint8_t>(i == 0 ? reg >> 8 : i == 1 ? reg : 0xFF);
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
