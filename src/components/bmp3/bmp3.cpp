#include "harbor/sensors/bmp3.h"

#include <stdio.h>

namespace harbor {
namespace bmp3 {

namespace {

uint16_t u16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
int16_t s16(const uint8_t* p) { return static_cast<int16_t>(u16(p)); }
int8_t s8(uint8_t b) { return static_cast<int8_t>(b); }

// 2^n as a double, exactly, for the section 9.1 scalings.
double pow2(int n) {
  double v = 1.0;
  for (int i = 0; i < (n < 0 ? -n : n); ++i) v *= 2.0;
  return n < 0 ? 1.0 / v : v;
}

}  // namespace

Calibration parseCalibration(const uint8_t n[21]) {
  Calibration c;
  c.t1 = u16(n + 0) / pow2(-8);
  c.t2 = u16(n + 2) / pow2(30);
  c.t3 = s8(n[4]) / pow2(48);
  c.p1 = (s16(n + 5) - pow2(14)) / pow2(20);
  c.p2 = (s16(n + 7) - pow2(14)) / pow2(29);
  c.p3 = s8(n[9]) / pow2(32);
  c.p4 = s8(n[10]) / pow2(37);
  c.p5 = u16(n + 11) / pow2(-3);
  c.p6 = u16(n + 13) / pow2(6);
  c.p7 = s8(n[15]) / pow2(8);
  c.p8 = s8(n[16]) / pow2(15);
  c.p9 = s16(n + 17) / pow2(48);
  c.p10 = s8(n[19]) / pow2(48);
  c.p11 = s8(n[20]) / pow2(65);
  return c;
}

double compensateTemperature(const Calibration& c, uint32_t uncompTemp, double* tLin) {
  const double partial1 = uncompTemp - c.t1;
  const double partial2 = partial1 * c.t2;
  *tLin = partial2 + partial1 * partial1 * c.t3;
  return *tLin;
}

double compensatePressure(const Calibration& c, uint32_t uncompPress, double tLin) {
  const double up = uncompPress;
  const double out1 = c.p5 + c.p6 * tLin + c.p7 * tLin * tLin + c.p8 * tLin * tLin * tLin;
  const double out2 = up * (c.p1 + c.p2 * tLin + c.p3 * tLin * tLin + c.p4 * tLin * tLin * tLin);
  const double out3 = up * up * (c.p9 + c.p10 * tLin) + up * up * up * c.p11;
  return out1 + out2 + out3;
}

uint32_t measurementTimeUs(uint8_t osrPressure, uint8_t osrTemperature) {
  // 234 us + (392 us + 2^osr_p * 2020 us) + (163 us + 2^osr_t * 2020 us), both enabled.
  return 234 + 392 + (1u << osrPressure) * 2020 + 163 + (1u << osrTemperature) * 2020;
}

}  // namespace bmp3

namespace {
const uint8_t kMaxStatusPolls = 5;
const uint32_t kStatusPollMs = 2;
}  // namespace

Bmp3::Bmp3(I2cBus& bus, uint8_t address, Variant variant, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs), bus_(bus), address_(address), variant_(variant), polls_(0), calibration_() {
  snprintf(name_, sizeof name_, "%s 0x%02x", variant == Variant::Bmp388 ? "bmp388" : "bmp390", address);
}

PolledSensor::Result Bmp3::setup(uint64_t) {
  uint8_t id = 0;
  platform::BusResult r = bus_.readRegisters(address_, bmp3::kRegChipId, &id, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (id != (variant_ == Variant::Bmp388 ? bmp3::kChipIdBmp388 : bmp3::kChipIdBmp390)) return fail(ReadError::Absent);
  uint8_t nvm[21];
  r = bus_.readRegisters(address_, bmp3::kRegCalibration, nvm, sizeof nvm);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  // A blank NVM (all zeros or all ones) is a part that did not load its trimming.
  bool zeros = true;
  bool ones = true;
  for (size_t i = 0; i < sizeof nvm; ++i) {
    zeros = zeros && nvm[i] == 0x00;
    ones = ones && nvm[i] == 0xFF;
  }
  if (zeros || ones) return fail(ReadError::Crc);
  calibration_ = bmp3::parseCalibration(nvm);
  r = bus_.writeRegister(address_, bmp3::kRegOsr, bmp3::kOsrTemperature << 3 | bmp3::kOsrPressure);
  // No IIR filter: in forced mode every reading stands for itself.
  if (r == platform::BusResult::Ok) r = bus_.writeRegister(address_, bmp3::kRegConfig, 0x00);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return done();
}

PolledSensor::Result Bmp3::start(uint64_t) {
  const platform::BusResult r = bus_.writeRegister(address_, bmp3::kRegPwrCtrl, bmp3::kForced);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  polls_ = 0;
  // The datasheet's figure is typical: 10 % more before the first look.
  const uint32_t us = bmp3::measurementTimeUs(bmp3::kOsrPressure, bmp3::kOsrTemperature);
  return waitMs((us * 11 / 10 + 999) / 1000);
}

PolledSensor::Result Bmp3::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t d[7];  // STATUS, then DATA_0..5
  const platform::BusResult r = bus_.readRegisters(address_, bmp3::kRegStatus, d, sizeof d);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const uint8_t ready = bmp3::kStatusDrdyPress | bmp3::kStatusDrdyTemp;
  if ((d[0] & ready) != ready) {
    if (++polls_ > kMaxStatusPolls) return fail(ReadError::Timeout);
    return waitMs(kStatusPollMs);
  }
  const uint32_t press = static_cast<uint32_t>(d[3]) << 16 | static_cast<uint32_t>(d[2]) << 8 | d[1];
  const uint32_t temp = static_cast<uint32_t>(d[6]) << 16 | static_cast<uint32_t>(d[5]) << 8 | d[4];
  double tLin = 0;
  const double celsius = bmp3::compensateTemperature(calibration_, temp, &tLin);
  const double hpa = bmp3::compensatePressure(calibration_, press, tLin) / 100.0;
  // Operating range, datasheet section 1: -40..85 degC, 300..1250 hPa.
  if (celsius < -40 || celsius > 85 || hpa < 300 || hpa > 1250) return fail(ReadError::OutOfRange);
  out.emit(0, celsius, takenMs);
  out.emit(1, hpa, takenMs);
  return done();
}

}  // namespace harbor
