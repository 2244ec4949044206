#include "veml7700_model.h"

#include <math.h>
#include <string.h>

namespace harbor {
namespace host {

namespace {

const uint8_t kGainEighths[4] = {8, 16, 1, 2};  // ALS_GAIN 00 x1, 01 x2, 10 x1/8, 11 x1/4

uint16_t integrationMs(uint16_t conf) {
  switch ((conf >> 6) & 0x0F) {
    case 0x0C: return 25;
    case 0x08: return 50;
    case 0x01: return 200;
    case 0x02: return 400;
    case 0x03: return 800;
    default: return 100;
  }
}

}  // namespace

Veml7700Model::Veml7700Model(const Wave& lux, const Faults& faults)
    : I2cModel(faults), lux_(lux), pointer_(0), onSinceMs_(0) {
  memset(regs_, 0, sizeof regs_);
  regs_[veml7700::kRegConf] = veml7700::kShutDown;  // shut down at power-up
}

void Veml7700Model::advance(uint64_t nowMs) {
  const uint16_t conf = regs_[veml7700::kRegConf];
  if (conf & veml7700::kShutDown) return;
  const uint64_t first = onSinceMs_ + veml7700::kWakeMs;
  const uint16_t it = integrationMs(conf);
  if (nowMs < first + it) return;
  // The count of the last integration that has ended, of the light when it began.
  const uint64_t begun = first + (nowMs - first - it) / it * it;
  const double count = floor(lux_.at(begun) / veml7700::luxPerCount(kGainEighths[(conf >> 11) & 3], it) + 0.5);
  regs_[veml7700::kRegAls] = static_cast<uint16_t>(count < 0 ? 0 : count > 65535 ? 65535 : count);
}

platform::BusResult Veml7700Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                            uint64_t nowMs) {
  advance(nowMs);
  if (txLength > 0) pointer_ = tx[0] & 7;
  if (txLength >= 3) {
    const uint16_t value = static_cast<uint16_t>(tx[1] | tx[2] << 8);
    if (pointer_ == veml7700::kRegConf && (regs_[0] & veml7700::kShutDown) && !(value & veml7700::kShutDown)) {
      onSinceMs_ = nowMs;
    }
    regs_[pointer_] = value;
  }
  for (size_t i = 0; i < rxLength; ++i) rx[i] = static_cast<uint8_t>(i == 0 ? regs_[pointer_] & 0xFF : i == 1 ? regs_[pointer_] >> 8 : 0xFF);
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
