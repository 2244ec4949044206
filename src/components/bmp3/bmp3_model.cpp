#include "bmp3_model.h"

#include <math.h>
#include <string.h>

namespace harbor {
namespace host {

namespace {

#define LE(v) static_cast<uint8_t>((v) & 0xFF), static_cast<uint8_t>(((v) >> 8) & 0xFF)
#define S8(v) static_cast<uint8_t>((v) & 0xFF)

// The raw value in [0, 2^24) whose compensated reading is nearest `target`; `f` is monotonic.
template <typename F>
uint32_t invert(F f, double target) {
  uint32_t lo = 0;
  uint32_t hi = 0xFFFFFF;
  const bool increasing = f(hi) > f(lo);
  while (hi - lo > 1) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if ((f(mid) < target) == increasing) lo = mid; else hi = mid;
  }
  return fabs(f(lo) - target) <= fabs(f(hi) - target) ? lo : hi;
}

}  // namespace

const uint8_t Bmp3Model::kCalibration[21] = {LE(27500), LE(19000), S8(-7), LE(-2500), LE(-3000), S8(35), S8(0),
                                             LE(25000), LE(30000), S8(3),  S8(-6),    LE(16000), S8(7),  S8(-60)};

Bmp3Model::Bmp3Model(bool bmp390, const Wave& temperature, const Wave& pressure, const Faults& faults)
    : I2cModel(faults), extraMs(0), temperature_(temperature), pressure_(pressure), pointer_(0), pending_(), converting_(false),
      readyAtMs_(0) {
  memset(regs_, 0, sizeof regs_);
  regs_[bmp3::kRegChipId] = bmp390 ? bmp3::kChipIdBmp390 : bmp3::kChipIdBmp388;
  memcpy(regs_ + bmp3::kRegCalibration, kCalibration, sizeof kCalibration);
  regs_[bmp3::kRegOsr] = 0x02;  // reset value: x4 pressure, x1 temperature
}

void Bmp3Model::convert(uint64_t nowMs) {
  const bmp3::Calibration c = bmp3::parseCalibration(kCalibration);
  double tLin = 0;
  const uint32_t ut = invert([&](uint32_t raw) { double t; return bmp3::compensateTemperature(c, raw, &t); },
                             temperature_.at(nowMs));
  bmp3::compensateTemperature(c, ut, &tLin);
  const uint32_t up = invert([&](uint32_t raw) { return bmp3::compensatePressure(c, raw, tLin) / 100.0; },
                             pressure_.at(nowMs));
  uint8_t* d = pending_;
  d[0] = static_cast<uint8_t>(up);
  d[1] = static_cast<uint8_t>(up >> 8);
  d[2] = static_cast<uint8_t>(up >> 16);
  d[3] = static_cast<uint8_t>(ut);
  d[4] = static_cast<uint8_t>(ut >> 8);
  d[5] = static_cast<uint8_t>(ut >> 16);
}

platform::BusResult Bmp3Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                        uint64_t nowMs) {
  // Writes are (register, value) pairs (I2C multi-byte write); a lone register byte sets the read pointer.
  if (txLength > 0) pointer_ = tx[0];
  for (size_t i = 0; i + 1 < txLength; i += 2) {
    const uint8_t reg = static_cast<uint8_t>(tx[i] & 0x7F);
    regs_[reg] = tx[i + 1];
    if (reg == bmp3::kRegPwrCtrl && ((tx[i + 1] >> 4) & 0x03) != 0 && ((tx[i + 1] >> 4) & 0x03) != 0x03) {
      const uint8_t osr = regs_[bmp3::kRegOsr];
      convert(nowMs);
      converting_ = true;
      // The values at the start; ready after the datasheet's (typical) measurement time.
      readyAtMs_ = nowMs + (bmp3::measurementTimeUs(osr & 0x07, (osr >> 3) & 0x07) + 999) / 1000 + extraMs;
      regs_[bmp3::kRegPwrCtrl] = static_cast<uint8_t>(tx[i + 1] & 0x03);  // back to sleep when done
    }
  }
  // Until the conversion ends the data registers hold the previous one.
  if (converting_ && nowMs >= readyAtMs_) {
    memcpy(regs_ + bmp3::kRegStatus + 1, pending_, sizeof pending_);
    converting_ = false;
  }
  regs_[bmp3::kRegStatus] = static_cast<uint8_t>(0x10 | (!converting_ ? bmp3::kStatusDrdyPress | bmp3::kStatusDrdyTemp : 0));
  for (size_t i = 0; i < rxLength; ++i) rx[i] = regs_[(pointer_ + i) & 0x7F];
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
