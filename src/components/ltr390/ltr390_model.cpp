#include "ltr390_model.h"

#include <math.h>
#include <string.h>

namespace harbor {
namespace host {

namespace {

const uint8_t kGains[5] = {1, 3, 6, 9, 18};
const uint8_t kBits[6] = {20, 19, 18, 17, 16, 13};
const uint32_t kRateMs[8] = {25, 50, 100, 200, 500, 1000, 2000, 2000};

}  // namespace

Ltr390Model::Ltr390Model(const Wave& uvIndex, const Faults& faults)
    : I2cModel(faults), uvi_(uvIndex), pointer_(0), enabledAtMs_(0), measuredUpToMs_(0) {
  memset(regs_, 0, sizeof regs_);
  regs_[ltr390::kRegMeasRate] = 0x22;  // power-on defaults: 18 bits, 100 ms
  regs_[ltr390::kRegGain] = 0x01;      // 3x
  regs_[ltr390::kRegPartId] = 0xB2;
  regs_[ltr390::kRegMainStatus] = 0x20;  // power-on status
}

void Ltr390Model::advance(uint64_t nowMs) {
  const uint8_t ctrl = regs_[ltr390::kRegMainCtrl];
  if ((ctrl & (ltr390::kUvsMode | ltr390::kEnable)) != (ltr390::kUvsMode | ltr390::kEnable)) return;
  const uint8_t resCode = (regs_[ltr390::kRegMeasRate] >> 4) & 7;
  const uint8_t bits = kBits[resCode > 5 ? 2 : resCode];
  const uint8_t gain = kGains[(regs_[ltr390::kRegGain] & 7) > 4 ? 1 : regs_[ltr390::kRegGain] & 7];
  const uint64_t conversionMs = (ltr390::conversionUs(bits) + 999) / 1000;
  const uint64_t rate = kRateMs[regs_[ltr390::kRegMeasRate] & 7];
  const uint64_t period = rate > conversionMs ? rate : conversionMs;
  if (nowMs < enabledAtMs_ + conversionMs) return;
  const uint64_t begun = enabledAtMs_ + (nowMs - enabledAtMs_ - conversionMs) / period * period;
  if (begun + conversionMs <= measuredUpToMs_) return;
  measuredUpToMs_ = begun + conversionMs;
  const double sensitivity = ltr390::uvIndex(1000000, gain, bits, 1.0) / 1000000;  // UVI per count
  double count = floor(uvi_.at(begun) / sensitivity + 0.5);
  const double most = static_cast<double>((1ul << bits) - 1);
  if (count < 0) count = 0;
  if (count > most) count = most;
  const uint32_t c = static_cast<uint32_t>(count);
  regs_[ltr390::kRegUvsData] = static_cast<uint8_t>(c);
  regs_[ltr390::kRegUvsData + 1] = static_cast<uint8_t>(c >> 8);
  regs_[ltr390::kRegUvsData + 2] = static_cast<uint8_t>(c >> 16);
  regs_[ltr390::kRegMainStatus] |= ltr390::kNewData;
}

platform::BusResult Ltr390Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                          uint64_t nowMs) {
  advance(nowMs);
  if (txLength > 0) pointer_ = tx[0] & 0x1F;
  if (txLength > 1 && pointer_ != ltr390::kRegPartId && pointer_ != ltr390::kRegMainStatus) {
    if (pointer_ == ltr390::kRegMainCtrl && (tx[1] & ltr390::kEnable) && !(regs_[pointer_] & ltr390::kEnable)) {
      enabledAtMs_ = nowMs;
      measuredUpToMs_ = 0;
    }
    regs_[pointer_] = tx[1];
  }
  for (size_t i = 0; i < rxLength; ++i) rx[i] = regs_[(pointer_ + i) & 0x1F];
  // Reading MAIN_STATUS clears its data and power-on flags (datasheet, MAIN_STATUS).
  if (rxLength > 0 && pointer_ == ltr390::kRegMainStatus) regs_[pointer_] = 0;
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
