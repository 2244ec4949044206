#include "bh1750_model.h"

#include <math.h>

namespace harbor {
namespace host {

namespace {

const uint32_t kTypicalMs = 120;

}  // namespace

Bh1750Model::Bh1750Model(const Wave& lux, const Faults& faults)
    : I2cModel(faults), lux_(lux), mt_(bh1750::kDefaultMt), result_(0), pending_(0), readyAtMs_(0),
      measuring_(false) {}

platform::BusResult Bh1750Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                          uint64_t nowMs) {
  if (measuring_ && nowMs >= readyAtMs_) {
    result_ = pending_;
    measuring_ = false;
  }
  for (size_t i = 0; i < txLength; ++i) {
    const uint8_t op = tx[i];
    // Power down, power on and reset change nothing a one-time reading shows.
    if ((op & 0xF8) == bh1750::kMtHigh) {
      mt_ = static_cast<uint8_t>((mt_ & 0x1F) | (op & 0x07) << 5);
    } else if ((op & 0xE0) == bh1750::kMtLow) {
      mt_ = static_cast<uint8_t>((mt_ & 0xE0) | (op & 0x1F));
    } else if (op == bh1750::kOneTimeHighRes) {
      // count = lux * 1.2 at MTreg 69, proportional to MTreg (datasheet p. 11).
      double count = floor(lux_.at(nowMs) * 1.2 * mt_ / bh1750::kDefaultMt + 0.5);
      if (count < 0) count = 0;
      if (count > 65535) count = 65535;
      pending_ = static_cast<uint16_t>(count);
      readyAtMs_ = nowMs + kTypicalMs * mt_ / bh1750::kDefaultMt;
      measuring_ = true;
    }
  }
  for (size_t i = 0; i < rxLength; ++i) rx[i] = static_cast<uint8_t>(i == 0 ? result_ >> 8 : i == 1 ? result_ : 0xFF);
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
