#include "tsl2561_model.h"

#include <math.h>
#include <string.h>

namespace harbor {
namespace host {

namespace {

const double kRatio = 0.3;

}  // namespace

Tsl2561Model::Tsl2561Model(bool cs, const Wave& lux, const Faults& faults)
    : I2cModel(faults), cs_(cs), lux_(lux), pointer_(0), word_(false), poweredAtMs_(0) {
  memset(regs_, 0, sizeof regs_);
  regs_[tsl2561::kRegTiming] = 0x02;  // 1x, 402 ms at power-on
  regs_[tsl2561::kRegId] = cs_ ? 0x10 : 0x50;
}

void Tsl2561Model::advance(uint64_t nowMs) {
  if ((regs_[tsl2561::kRegControl] & 0x03) != tsl2561::kPowerUp) return;
  const uint8_t integ = regs_[tsl2561::kRegTiming] & 0x03;
  const bool gain16 = (regs_[tsl2561::kRegTiming] & tsl2561::kGain16) != 0;
  const uint64_t us = tsl2561::integrationUs(integ > 2 ? 2 : integ);
  const uint64_t elapsedUs = (nowMs - poweredAtMs_) * 1000;
  if (elapsedUs < us) return;
  const uint64_t begunMs = poweredAtMs_ + (elapsedUs / us - 1) * us / 1000;
  const double target = lux_.at(begunMs);
  const tsl2561::Package package = cs_ ? tsl2561::Package::Cs : tsl2561::Package::T;
  // The formula is not linear in the counts: search the CH0 count whose lux is nearest.
  const double perCount = tsl2561::lux(package, 1000, 300, gain16, integ) / 1000;
  const double guess = target / perCount;
  const uint16_t most = tsl2561::maxCount(integ);
  long best = 0;
  double bestError = 1e300;
  for (long c0 = static_cast<long>(guess) - 4; c0 <= static_cast<long>(guess) + 4; ++c0) {
    if (c0 < 0 || c0 > most) continue;
    const uint16_t c1 = static_cast<uint16_t>(floor(c0 * kRatio + 0.5));
    const double error = fabs(tsl2561::lux(package, static_cast<uint16_t>(c0), c1, gain16, integ) - target);
    if (error < bestError) {
      bestError = error;
      best = c0;
    }
  }
  // More light than the channel holds: it stops at its maximum count.
  const uint16_t c0 = guess >= most ? most : static_cast<uint16_t>(best);
  const double ir = floor((guess >= most ? guess : c0) * kRatio + 0.5);
  const uint16_t c1 = static_cast<uint16_t>(ir > most ? most : ir);
  regs_[tsl2561::kRegData0] = static_cast<uint8_t>(c0);
  regs_[tsl2561::kRegData0 + 1] = static_cast<uint8_t>(c0 >> 8);
  regs_[tsl2561::kRegData1] = static_cast<uint8_t>(c1);
  regs_[tsl2561::kRegData1 + 1] = static_cast<uint8_t>(c1 >> 8);
}

platform::BusResult Tsl2561Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                           uint64_t nowMs) {
  advance(nowMs);
  if (txLength > 0) {
    if (!(tx[0] & tsl2561::kCommand)) return platform::BusResult::Nack;  // not a command byte
    pointer_ = tx[0] & 0x0F;
    word_ = (tx[0] & tsl2561::kWord) != 0;
  }
  if (txLength > 1) {
    if (pointer_ == tsl2561::kRegControl && (tx[1] & 3) == tsl2561::kPowerUp &&
        (regs_[tsl2561::kRegControl] & 3) != tsl2561::kPowerUp) {
      poweredAtMs_ = nowMs;
    }
    if (pointer_ != tsl2561::kRegId) regs_[pointer_] = tx[1];
  }
  // A byte read returns one register; a word read two (the "Read Word" protocol).
  for (size_t i = 0; i < rxLength; ++i) {
    rx[i] = (i == 0 || (i == 1 && word_)) ? regs_[(pointer_ + i) & 0x0F] : 0xFF;
  }
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
