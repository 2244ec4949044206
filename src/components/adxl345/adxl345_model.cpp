#include "adxl345_model.h"

#include <math.h>
#include <string.h>

namespace harbor {
namespace host {

Adxl345Model::Adxl345Model(const Wave& x, const Wave& y, const Wave& z, const Faults& faults)
    : I2cModel(faults), pointer_(0), lastMs_(0) {
  waves_[0] = x;
  waves_[1] = y;
  waves_[2] = z;
  reset();
}

void Adxl345Model::reset() {
  memset(regs_, 0, sizeof regs_);
  regs_[adxl345::kRegDevId] = adxl345::kDevId;
  regs_[adxl345::kRegBwRate] = 0x0A;  // reset value: 100 Hz
}

void Adxl345Model::sample(uint64_t nowMs) {
  uint8_t* d = regs_ + adxl345::kRegData;
  if (!(regs_[adxl345::kRegPowerCtl] & adxl345::kMeasure)) {
    memset(d, 0, 6);
    return;
  }
  const uint8_t format = regs_[adxl345::kRegDataFormat];
  const int limit = (format & adxl345::kFullRes) ? 256 * (2 << (format & 3)) : 512;
  const double perG = (format & adxl345::kFullRes) ? adxl345::kLsbPerG : 512.0 / (2 << (format & 3));
  for (int i = 0; i < 3; ++i) {
    double c = floor(waves_[i].at(nowMs) / 9.80665 * perG + 0.5);
    if (c > limit - 1) c = limit - 1;
    if (c < -limit) c = -limit;
    const int16_t v = static_cast<int16_t>(c);
    d[2 * i] = static_cast<uint8_t>(v);
    d[2 * i + 1] = static_cast<uint8_t>(static_cast<uint16_t>(v) >> 8);
  }
}

platform::BusResult Adxl345Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                           uint64_t nowMs) {
  // Unplugged since the last transfer (refused meanwhile; looked for a second at a time): powered up afresh.
  for (uint64_t t = lastMs_ + 1000; t < nowMs; t += 1000) {
    if (faults.unplugged(t)) {
      reset();
      break;
    }
  }
  lastMs_ = nowMs;
  if (txLength > 0) pointer_ = tx[0] & 0x3F;  // multiple-byte access auto-increments
  for (size_t i = 1; i < txLength; ++i) {
    const uint8_t reg = static_cast<uint8_t>((pointer_ + i - 1) & 0x3F);
    if (reg != adxl345::kRegDevId && !(reg >= adxl345::kRegData && reg < adxl345::kRegData + 6)) regs_[reg] = tx[i];
  }
  sample(nowMs);
  for (size_t i = 0; i < rxLength; ++i) rx[i] = regs_[(pointer_ + i) & 0x3F];
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
