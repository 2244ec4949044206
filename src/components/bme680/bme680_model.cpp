#include "bme680_model.h"

#include <math.h>
#include <string.h>

namespace harbor {
namespace host {

namespace {

#define LE(v) static_cast<uint8_t>((v) & 0xFF), static_cast<uint8_t>(((v) >> 8) & 0xFF)
#define S8(v) static_cast<uint8_t>((v) & 0xFF)

// The raw value in [bottom, top] whose compensated reading is nearest `target`; `f` is monotonic there.
template <typename F>
uint32_t invert(F f, uint32_t bottom, uint32_t top, double target) {
  uint32_t lo = bottom;
  uint32_t hi = top;
  const bool increasing = f(hi) > f(lo);
  while (hi - lo > 1) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if ((f(mid) < target) == increasing) lo = mid; else hi = mid;
  }
  // Integer compensation is monotonic only on the whole: the nearest value may be a few counts away.
  uint32_t best = lo;
  for (uint32_t a = lo > bottom + 64 ? lo - 64 : bottom; a <= hi + 64 && a <= top; ++a) {
    if (fabs(f(a) - target) < fabs(f(best) - target)) best = a;
  }
  return best;
}

}  // namespace

// 0x8A..0xA0: T2, T3, -, P1, P2, P3, -, P4, P5, P7, P6, -, -, P8, P9, P10.
const uint8_t Bme680Model::kCoeff1[23] = {LE(26519), S8(3),    0,         LE(35008), LE(-10284), S8(88), 0, LE(9692),
                                          LE(-202),  S8(24),   S8(30),    0,         0,          LE(-516), LE(-3469),
                                          30};
// 0xE1..0xEE: H2 [11:4], H2 [3:0] | H1 [3:0], H1 [11:4], H3..H7, T1, GH2, GH1, GH3.
const uint8_t Bme680Model::kCoeff2[14] = {static_cast<uint8_t>(1007 >> 4),
                                          static_cast<uint8_t>((1007 & 0x0F) << 4 | (794 & 0x0F)),
                                          static_cast<uint8_t>(794 >> 4),
                                          0, 45, 20, 120, S8(-100), LE(26203), LE(-5969), S8(-30), 18};
// 0x00..0x04: res_heat_val, -, res_heat_range (bits 5:4), -, range_sw_err (bits 7:4).
const uint8_t Bme680Model::kCoeff3[5] = {44, 0, 0x10, 0, 0xF0};

Bme680Model::Bme680Model(bool bme688, const Wave& temperature, const Wave& humidity, const Wave& pressure,
                         const Wave& gas, const Faults& faults)
    : I2cModel(faults), bme688_(bme688), temperature_(temperature), humidity_(humidity), pressure_(pressure), gas_(gas),
      pointer_(0), pending_(), converting_(false), readyAtMs_(0) {
  memset(regs_, 0, sizeof regs_);
  memcpy(regs_ + bme680::kRegCoeff1, kCoeff1, sizeof kCoeff1);
  memcpy(regs_ + bme680::kRegCoeff2, kCoeff2, sizeof kCoeff2);
  memcpy(regs_ + bme680::kRegCoeff3, kCoeff3, sizeof kCoeff3);
  regs_[bme680::kRegChipId] = bme680::kChipId;
  regs_[bme680::kRegVariantId] = bme688 ? bme680::kVariantBme688 : 0x00;
}

void Bme680Model::convert(uint64_t nowMs) {
  const bme680::Calibration c = bme680::parseCalibration(kCoeff1, kCoeff2, kCoeff3);
  const uint32_t adcT = invert([&](uint32_t a) { int32_t f; return bme680::compensateTemperature(c, a, &f) / 100.0; },
                               0, 0xFFFFF, temperature_.at(nowMs));
  int32_t tFine = 0;
  bme680::compensateTemperature(c, adcT, &tFine);
  // Between 250000 and 700000 counts (~1150 to ~330 hPa here) the integer code is monotonic; beyond, it leaves its range.
  const uint32_t adcP = invert([&](uint32_t a) { return bme680::compensatePressure(c, a, tFine) / 100.0; }, 250000, 700000,
                               pressure_.at(nowMs));
  const uint32_t adcH = invert([&](uint32_t a) { return bme680::compensateHumidity(c, static_cast<uint16_t>(a), tFine) / 1000.0; },
                               0, 0xFFFF, humidity_.at(nowMs));
  // The gas ADC and range that come nearest the wave's resistance.
  const double ohm = gas_.at(nowMs);
  uint32_t bestAdc = 0;
  uint8_t bestRange = 0;
  double bestError = -1;
  for (uint8_t range = 0; range < 16; ++range) {
    const uint32_t adc = invert([&](uint32_t a) {
      return static_cast<double>(bme688_ ? bme680::gasResistanceBme688(static_cast<uint16_t>(a), range)
                                         : bme680::gasResistanceBme680(c, static_cast<uint16_t>(a), range));
    }, 0, 1023, ohm);
    const double r = bme688_ ? bme680::gasResistanceBme688(static_cast<uint16_t>(adc), range)
                             : bme680::gasResistanceBme680(c, static_cast<uint16_t>(adc), range);
    if (bestError < 0 || fabs(r - ohm) < bestError) {
      bestError = fabs(r - ohm);
      bestAdc = adc;
      bestRange = range;
    }
  }
  // The heater reaches its temperature when its resistance stands for 200-400 degC at about this
  // ambient temperature (the datasheet's range) and it is given at least 20 ms.
  bool heatable = false;
  for (uint16_t target = 200; target <= 400 && !heatable; ++target) {
    const int diff = bme680::heaterResistance(c, target, static_cast<int32_t>(temperature_.at(nowMs))) - regs_[bme680::kRegResHeat0];
    heatable = diff >= -2 && diff <= 2;
  }
  const bool heated = heatable && bme680::gasWaitMs(regs_[bme680::kRegGasWait0]) >= 20;
  const uint8_t runGas = bme688_ ? bme680::kRunGasBme688 : bme680::kRunGasBme680;
  const bool gasOn = (regs_[bme680::kRegCtrlGas1] & runGas) != 0;
  memset(pending_, 0, sizeof pending_);
  pending_[0] = bme680::kNewData;
  pending_[2] = static_cast<uint8_t>(adcP >> 12);
  pending_[3] = static_cast<uint8_t>(adcP >> 4);
  pending_[4] = static_cast<uint8_t>((adcP & 0x0F) << 4);
  pending_[5] = static_cast<uint8_t>(adcT >> 12);
  pending_[6] = static_cast<uint8_t>(adcT >> 4);
  pending_[7] = static_cast<uint8_t>((adcT & 0x0F) << 4);
  pending_[8] = static_cast<uint8_t>(adcH >> 8);
  pending_[9] = static_cast<uint8_t>(adcH);
  uint8_t* g = bme688_ ? pending_ + 15 : pending_ + 13;
  g[0] = static_cast<uint8_t>(bestAdc >> 2);
  g[1] = static_cast<uint8_t>((bestAdc & 0x03) << 6 | (gasOn ? bme680::kGasValid : 0) |
                              (gasOn && heated ? bme680::kHeatStable : 0) | bestRange);
}

platform::BusResult Bme680Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                          uint64_t nowMs) {
  if (converting_ && nowMs >= readyAtMs_) {
    memcpy(regs_ + bme680::kRegStatus, pending_, sizeof pending_);
    converting_ = false;
  }
  // Writes are (register, value) pairs; a lone register byte sets the read pointer.
  if (txLength > 0) pointer_ = tx[0];
  for (size_t i = 0; i + 1 < txLength; i += 2) {
    const uint8_t reg = tx[i];
    regs_[reg] = tx[i + 1];
    if (reg == bme680::kRegCtrlMeas && (tx[i + 1] & 0x03) == 0x01) {
      convert(nowMs);
      converting_ = true;
      regs_[bme680::kRegStatus] = static_cast<uint8_t>(regs_[bme680::kRegStatus] & ~bme680::kNewData);
      const uint8_t m = tx[i + 1];
      const uint8_t runGas = bme688_ ? bme680::kRunGasBme688 : bme680::kRunGasBme680;
      const uint32_t heater = (regs_[bme680::kRegCtrlGas1] & runGas) ? bme680::gasWaitMs(regs_[bme680::kRegGasWait0]) : 0;
      // The values at the start; ready after about 90 % of the TPH time and the heater's duration.
      readyAtMs_ = nowMs + (bme680::measurementUs(m >> 5, (m >> 2) & 7, regs_[bme680::kRegCtrlHum] & 7) * 9 / 10 + 999) / 1000 +
                   heater;
      regs_[bme680::kRegCtrlMeas] = static_cast<uint8_t>(m & ~0x03);  // back to sleep when done
    }
  }
  for (size_t i = 0; i < rxLength; ++i) rx[i] = regs_[static_cast<uint8_t>(pointer_ + i)];
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
