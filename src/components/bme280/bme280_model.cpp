#include "bme280_model.h"

#include <string.h>

namespace harbor {
namespace host {

namespace {

// Little-endian NVM image of dig_T1..dig_P9 (0x88..0x9F), 0xA0 unused, dig_H1 (0xA1).
// T1 27504, T2 26435, T3 -1000, P1 36477, P2 -10685, P3 3024, P4 2855, P5 140,
// P6 -7, P7 15500, P8 -14600, P9 6000: the BMP280 datasheet's example; H1 75.
#define LE(v) static_cast<uint8_t>((v) & 0xFF), static_cast<uint8_t>(((v) >> 8) & 0xFF)

template <typename F>
int32_t search(int32_t lo, int32_t hi, F value, double target, bool increasing) {
  // The raw value whose compensated reading is closest to `target`; compensation is monotonic.
  while (hi - lo > 1) {
    const int32_t mid = lo + (hi - lo) / 2;
    const bool below = increasing ? value(mid) < target : value(mid) > target;
    if (below) lo = mid; else hi = mid;
  }
  const double dl = value(lo) - target;
  const double dh = value(hi) - target;
  return (dl < 0 ? -dl : dl) <= (dh < 0 ? -dh : dh) ? lo : hi;
}

}  // namespace

const uint8_t Bme280Model::kCalibrationLow[26] = {
    LE(27504), LE(26435), LE(-1000), LE(36477), LE(-10685), LE(3024), LE(2855),
    LE(140),   LE(-7),    LE(15500), LE(-14600), LE(6000),  0,        75};
// dig_H2 362, H3 0, H4 313 (0xE4 0x13, 0xE5[3:0] 0x9), H5 50 (0xE6 0x03, 0xE5[7:4] 0x2), H6 30.
const uint8_t Bme280Model::kCalibrationHigh[7] = {LE(362), 0, 0x13, 0x29, 0x03, 30};

Bme280Model::Bme280Model(bool bmp280, const Wave& temperature, const Wave& humidity, const Wave& pressure,
                         const Faults& faults)
    : I2cModel(faults), bmp280_(bmp280), temperature_(temperature), humidity_(humidity), pressure_(pressure),
      pointer_(0), readyAtMs_(0) {
  memset(regs_, 0, sizeof regs_);
  memcpy(regs_ + bme280::kRegCalibration1, kCalibrationLow, sizeof kCalibrationLow);
  if (!bmp280_) memcpy(regs_ + bme280::kRegCalibration2, kCalibrationHigh, sizeof kCalibrationHigh);
  regs_[bme280::kRegChipId] = bmp280_ ? bme280::kChipIdBmp280 : bme280::kChipIdBme280;
  // Data registers read the "skipped" values until the first conversion (datasheet 5.4.7).
  regs_[bme280::kRegData + 0] = 0x80;
  regs_[bme280::kRegData + 3] = 0x80;
  regs_[bme280::kRegData + 6] = 0x80;
}

void Bme280Model::convert(uint64_t nowMs) {
  const bme280::Calibration c = bme280::parseCalibration(kCalibrationLow, kCalibrationHigh);
  const double t = temperature_.at(nowMs);
  int32_t tFine = 0;
  const int32_t adcT = search(0, 0xFFFFF, [&](int32_t adc) { int32_t f; return bme280::compensateTemperature(c, adc, &f) / 100.0; }, t, true);
  bme280::compensateTemperature(c, adcT, &tFine);
  const int32_t adcP = search(0, 0xFFFFF, [&](int32_t adc) { return bme280::compensatePressure(c, adc, tFine) / 25600.0; },
                              pressure_.at(nowMs), false);
  regs_[bme280::kRegData + 0] = static_cast<uint8_t>(adcP >> 12);
  regs_[bme280::kRegData + 1] = static_cast<uint8_t>(adcP >> 4);
  regs_[bme280::kRegData + 2] = static_cast<uint8_t>((adcP & 0xF) << 4);
  regs_[bme280::kRegData + 3] = static_cast<uint8_t>(adcT >> 12);
  regs_[bme280::kRegData + 4] = static_cast<uint8_t>(adcT >> 4);
  regs_[bme280::kRegData + 5] = static_cast<uint8_t>((adcT & 0xF) << 4);
  if (!bmp280_) {
    const int32_t adcH = search(0, 0xFFFF, [&](int32_t adc) { return bme280::compensateHumidity(c, adc, tFine) / 1024.0; },
                                humidity_.at(nowMs), true);
    regs_[bme280::kRegData + 6] = static_cast<uint8_t>(adcH >> 8);
    regs_[bme280::kRegData + 7] = static_cast<uint8_t>(adcH);
  }
}

platform::BusResult Bme280Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                          uint64_t nowMs) {
  // Writes are (register, value) pairs (datasheet 6.2.1); a lone register byte sets the read pointer.
  if (txLength > 0) pointer_ = tx[0];
  for (size_t i = 0; i + 1 < txLength; i += 2) {
    const uint8_t reg = tx[i];
    const uint8_t value = tx[i + 1];
    regs_[reg] = value;
    if (reg == bme280::kRegCtrlMeas && (value & 0x03) == 0x01) {
      const uint8_t t = static_cast<uint8_t>((value >> 5) & 7);
      const uint8_t p = static_cast<uint8_t>((value >> 2) & 7);
      const uint8_t h = bmp280_ ? 0 : static_cast<uint8_t>(regs_[bme280::kRegCtrlHum] & 7);
      const uint32_t us = bme280::measurementTimeUs(t ? 1u << (t - 1) : 0, p ? 1u << (p - 1) : 0, h ? 1u << (h - 1) : 0);
      // The values are those at the start of the conversion; it takes ~90 % of the maximum time.
      convert(nowMs);
      readyAtMs_ = nowMs + (us * 9 / 10 + 999) / 1000;
      regs_[bme280::kRegCtrlMeas] = static_cast<uint8_t>(value & ~0x03);  // back to sleep when done
    }
  }
  regs_[bme280::kRegStatus] = nowMs < readyAtMs_ ? bme280::kStatusMeasuring : 0;
  for (size_t i = 0; i < rxLength; ++i) rx[i] = regs_[static_cast<uint8_t>(pointer_ + i)];
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
