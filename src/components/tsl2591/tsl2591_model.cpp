#include "tsl2591_model.h"

#include <math.h>
#include <string.h>

namespace harbor {
namespace host {

namespace {

const double kRatio = 0.3;
const uint8_t kOn = tsl2591::kPowerOn | tsl2591::kAlsEnable;

}  // namespace

Tsl2591Model::Tsl2591Model(const Wave& lux, const Faults& faults)
    : I2cModel(faults), lux_(lux), pointer_(0), enabledAtMs_(0) {
  memset(regs_, 0, sizeof regs_);
  regs_[tsl2591::kRegId] = tsl2591::kId;
}

void Tsl2591Model::advance(uint64_t nowMs) {
  if ((regs_[tsl2591::kRegEnable] & kOn) != kOn) return;
  const uint8_t again = (regs_[tsl2591::kRegControl] >> 4) & 3;
  const uint8_t atime = regs_[tsl2591::kRegControl] & 7;
  const uint64_t ms = (atime > 5 ? 5 : atime) * 100u + 100u;
  if (nowMs - enabledAtMs_ < ms) return;
  const uint64_t begunMs = enabledAtMs_ + ((nowMs - enabledAtMs_) / ms - 1) * ms;
  const double target = lux_.at(begunMs);
  // Search the C0 count whose lux is nearest; a channel stops at its maximum count.
  const double guess = target / tsl2591::lux(1000, 300, again, atime) * 1000;
  const uint16_t most = tsl2591::maxCount(atime);
  long best = 0;
  double bestError = 1e300;
  for (long c0 = static_cast<long>(guess) - 4; c0 <= static_cast<long>(guess) + 4; ++c0) {
    if (c0 < 1 || c0 > most) continue;
    const uint16_t c1 = static_cast<uint16_t>(floor(c0 * kRatio + 0.5));
    const double error = fabs(tsl2591::lux(static_cast<uint16_t>(c0), c1, again, atime) - target);
    if (error < bestError) {
      bestError = error;
      best = c0;
    }
  }
  const uint16_t c0 = guess >= most ? most : static_cast<uint16_t>(best);
  const double ir = floor((guess >= most ? guess : c0) * kRatio + 0.5);
  const uint16_t c1 = static_cast<uint16_t>(ir > most ? most : ir);
  regs_[tsl2591::kRegC0DataL] = static_cast<uint8_t>(c0);
  regs_[tsl2591::kRegC0DataL + 1] = static_cast<uint8_t>(c0 >> 8);
  regs_[tsl2591::kRegC0DataL + 2] = static_cast<uint8_t>(c1);
  regs_[tsl2591::kRegC0DataL + 3] = static_cast<uint8_t>(c1 >> 8);
  regs_[tsl2591::kRegStatus] |= tsl2591::kAlsValid;
}

platform::BusResult Tsl2591Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                           uint64_t nowMs) {
  advance(nowMs);
  if (txLength > 0) {
    if ((tx[0] & 0xE0) != tsl2591::kCommand) return platform::BusResult::Nack;  // not a normal command
    pointer_ = tx[0] & 0x1F;
  }
  if (txLength > 1 && pointer_ != tsl2591::kRegId && pointer_ != tsl2591::kRegStatus) {
    if (pointer_ == tsl2591::kRegEnable) {
      const bool wasOn = (regs_[pointer_] & kOn) == kOn;
      const bool on = (tx[1] & kOn) == kOn;
      if (on && !wasOn) enabledAtMs_ = nowMs;
      if (!on) regs_[tsl2591::kRegStatus] &= static_cast<uint8_t>(~tsl2591::kAlsValid);
    }
    regs_[pointer_] = tx[1];
  }
  for (size_t i = 0; i < rxLength; ++i) rx[i] = regs_[(pointer_ + i) & 0x1F];
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
