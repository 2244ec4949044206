#include "harbor/sensors/bme680.h"

#include <stdio.h>

#include "harbor/flash_data.h"

namespace harbor {
namespace bme680 {

namespace {

uint16_t u16(uint8_t lsb, uint8_t msb) { return static_cast<uint16_t>(lsb | (msb << 8)); }
int16_t s16(uint8_t lsb, uint8_t msb) { return static_cast<int16_t>(u16(lsb, msb)); }

// The BME680's gas range constants (datasheet, gas resistance in integer), in
// flash: 128 bytes that would otherwise sit in the ESP8266's RAM.
const uint32_t kGasRange1[16] HARBOR_FLASH = {2147483647u, 2147483647u, 2147483647u, 2147483647u,
                                              2147483647u, 2126008810u, 2147483647u, 2130303777u,
                                              2147483647u, 2147483647u, 2143188679u, 2136746228u,
                                              2147483647u, 2126008810u, 2147483647u, 2147483647u};
const uint32_t kGasRange2[16] HARBOR_FLASH = {4096000000u, 2048000000u, 1024000000u, 512000000u,
                                              255744255u,  127110228u,  64000000u,   32258064u,
                                              16016016u,   8000000u,    4000000u,    2000000u,
                                              1000000u,    500000u,     250000u,     125000u};

}  // namespace

Calibration parseCalibration(const uint8_t a[23], const uint8_t b[14], const uint8_t h[5]) {
  Calibration c;
  c.t2 = s16(a[0], a[1]);
  c.t3 = static_cast<int8_t>(a[2]);
  c.p1 = u16(a[4], a[5]);
  c.p2 = s16(a[6], a[7]);
  c.p3 = static_cast<int8_t>(a[8]);
  c.p4 = s16(a[10], a[11]);
  c.p5 = s16(a[12], a[13]);
  c.p7 = static_cast<int8_t>(a[14]);
  c.p6 = static_cast<int8_t>(a[15]);
  c.p8 = s16(a[18], a[19]);
  c.p9 = s16(a[20], a[21]);
  c.p10 = a[22];
  // 0xE2 holds H1's low nibble (bits 3:0) and H2's (bits 7:4).
  c.h2 = static_cast<uint16_t>(b[0] << 4 | b[1] >> 4);
  c.h1 = static_cast<uint16_t>(b[2] << 4 | (b[1] & 0x0F));
  c.h3 = static_cast<int8_t>(b[3]);
  c.h4 = static_cast<int8_t>(b[4]);
  c.h5 = static_cast<int8_t>(b[5]);
  c.h6 = b[6];
  c.h7 = static_cast<int8_t>(b[7]);
  c.t1 = u16(b[8], b[9]);
  c.g2 = s16(b[10], b[11]);
  c.g1 = static_cast<int8_t>(b[12]);
  c.g3 = static_cast<int8_t>(b[13]);
  c.resHeatVal = static_cast<int8_t>(h[0]);
  c.resHeatRange = static_cast<uint8_t>((h[2] & 0x30) >> 4);
  c.rangeSwitchingError = static_cast<int8_t>(static_cast<int8_t>(h[4] & 0xF0) / 16);
  return c;
}

int16_t compensateTemperature(const Calibration& c, uint32_t adc, int32_t* tFine) {
  const int64_t var1 = (static_cast<int32_t>(adc) >> 3) - (static_cast<int32_t>(c.t1) << 1);
  const int64_t var2 = (var1 * static_cast<int32_t>(c.t2)) >> 11;
  int64_t var3 = ((var1 >> 1) * (var1 >> 1)) >> 12;
  var3 = (var3 * (static_cast<int32_t>(c.t3) * 16)) >> 14;
  *tFine = static_cast<int32_t>(var2 + var3);
  return static_cast<int16_t>(((*tFine * 5) + 128) >> 8);
}

uint32_t compensatePressure(const Calibration& c, uint32_t adc, int32_t tFine) {
  int32_t var1 = (tFine >> 1) - 64000;
  int32_t var2 = ((((var1 >> 2) * (var1 >> 2)) >> 11) * static_cast<int32_t>(c.p6)) >> 2;
  var2 = var2 + ((var1 * static_cast<int32_t>(c.p5)) * 2);
  var2 = (var2 >> 2) + (static_cast<int32_t>(c.p4) * 65536);
  var1 = (((((var1 >> 2) * (var1 >> 2)) >> 13) * (static_cast<int32_t>(c.p3) * 32)) >> 3) +
         ((static_cast<int32_t>(c.p2) * var1) >> 1);
  var1 = var1 >> 18;
  var1 = ((32768 + var1) * static_cast<int32_t>(c.p1)) >> 15;
  if (var1 == 0) return 0;  // no division by zero on a blank calibration
  int32_t p = 1048576 - static_cast<int32_t>(adc);
  p = static_cast<int32_t>(static_cast<uint32_t>(p - (var2 >> 12)) * 3125u);
  // The order of the division keeps the most precision without overflowing 2^31.
  if (p >= 0x40000000) p = (p / var1) * 2;
  else p = (p * 2) / var1;
  var1 = (static_cast<int32_t>(c.p9) * static_cast<int32_t>(((p >> 3) * (p >> 3)) >> 13)) >> 12;
  var2 = (static_cast<int32_t>(p >> 2) * static_cast<int32_t>(c.p8)) >> 13;
  // In 64 bits: the datasheet's 32-bit product overflows above ~1060 hPa with a typical par_p10 of 30.
  const int64_t cube = static_cast<int64_t>(p >> 8) * (p >> 8) * (p >> 8);
  const int32_t var3 = static_cast<int32_t>((cube * c.p10) >> 17);
  p = p + ((var1 + var2 + var3 + (static_cast<int32_t>(c.p7) * 128)) >> 4);
  return static_cast<uint32_t>(p);
}

uint32_t compensateHumidity(const Calibration& c, uint16_t adc, int32_t tFine) {
  const int32_t t = ((tFine * 5) + 128) >> 8;
  const int32_t var1 = static_cast<int32_t>(adc - static_cast<int32_t>(c.h1) * 16) -
                       (((t * static_cast<int32_t>(c.h3)) / 100) >> 1);
  const int32_t var2 = (static_cast<int32_t>(c.h2) *
                        (((t * static_cast<int32_t>(c.h4)) / 100) +
                         (((t * ((t * static_cast<int32_t>(c.h5)) / 100)) >> 6) / 100) + (1 << 14))) >> 10;
  const int32_t var3 = var1 * var2;
  int32_t var4 = static_cast<int32_t>(c.h6) * 128;
  var4 = (var4 + ((t * static_cast<int32_t>(c.h7)) / 100)) >> 4;
  const int32_t var5 = ((var3 >> 14) * (var3 >> 14)) >> 10;
  const int32_t var6 = (var4 * var5) >> 1;
  int32_t h = (((var3 + var6) >> 10) * 1000) >> 12;
  if (h > 100000) h = 100000;
  if (h < 0) h = 0;
  return static_cast<uint32_t>(h);
}

uint32_t gasResistanceBme680(const Calibration& c, uint16_t adc, uint8_t range) {
  range &= 0x0F;
  const int64_t var1 =
      ((1340 + 5 * static_cast<int64_t>(c.rangeSwitchingError)) * static_cast<int64_t>(flash::read(kGasRange1[range]))) >> 16;
  const int64_t var2 = (static_cast<int64_t>(adc) << 15) - 16777216 + var1;
  const int64_t var3 = (static_cast<int64_t>(flash::read(kGasRange2[range])) * var1) >> 9;
  return static_cast<uint32_t>((var3 + (var2 >> 1)) / var2);
}

uint32_t gasResistanceBme688(uint16_t adc, uint8_t range) {
  const uint32_t var1 = 262144u >> (range & 0x0F);
  const int32_t var2 = 4096 + (static_cast<int32_t>(adc) - 512) * 3;
  // 10^6 * var1 / var2 without overflowing 32 bits, as the datasheet writes it.
  return 10000u * var1 / static_cast<uint32_t>(var2) * 100u;
}

uint8_t heaterResistance(const Calibration& c, uint16_t targetC, int32_t ambientC) {
  if (targetC > 400) targetC = 400;
  const int32_t var1 = ((ambientC * c.g3) / 1000) * 256;
  const int32_t var2 = (c.g1 + 784) * (((((c.g2 + 154009) * targetC * 5) / 100) + 3276800) / 10);
  const int32_t var3 = var1 + (var2 / 2);
  const int32_t var4 = var3 / (c.resHeatRange + 4);
  const int32_t var5 = (131 * c.resHeatVal) + 65536;
  const int32_t x100 = ((var4 / var5) - 250) * 34;
  return static_cast<uint8_t>((x100 + 50) / 100);
}

uint8_t gasWaitCode(uint16_t ms) {
  if (ms >= 0xFC0) return 0xFF;
  uint8_t factor = 0;
  while (ms > 0x3F) {
    ms = static_cast<uint16_t>(ms / 4);
    ++factor;
  }
  return static_cast<uint8_t>(ms + factor * 64);
}

uint32_t gasWaitMs(uint8_t code) { return static_cast<uint32_t>(code & 0x3F) << (2 * (code >> 6)); }

uint32_t measurementUs(uint8_t osrsT, uint8_t osrsP, uint8_t osrsH) {
  // Conversion cycles per oversampling code (0 skipped, x1, x2, x4, x8, x16) at 1963 us each,
  // 4 x 477 us of switching between T, P and H, 5 x 477 us for the gas measurement and 1 ms
  // to wake up (Bosch's BME68x API, bme68x_get_meas_dur, for forced mode).
  static const uint8_t kCycles[6] = {0, 1, 2, 4, 8, 16};
  const uint32_t cycles = kCycles[osrsT > 5 ? 5 : osrsT] + kCycles[osrsP > 5 ? 5 : osrsP] + kCycles[osrsH > 5 ? 5 : osrsH];
  return cycles * 1963u + 477u * 4 + 477u * 5 + 1000u;
}

}  // namespace bme680

namespace {
const uint8_t kMaxPolls = 5;
const uint32_t kPollMs = 10;
}  // namespace

Bme680::Bme680(I2cBus& bus, uint8_t address, Variant variant, uint32_t intervalMs, uint16_t heaterC, uint16_t heaterMs)
    : PolledSensor(name_, intervalMs),
      bus_(bus),
      address_(address),
      variant_(variant),
      heaterC_(heaterC),
      gasWait_(bme680::gasWaitCode(heaterMs)),
      ambientC_(25),
      polls_(0),
      calibration_() {
  snprintf(name_, sizeof name_, "%s 0x%02x", variant == Variant::Bme680 ? "bme680" : "bme688", address);
}

PolledSensor::Result Bme680::setup(uint64_t) {
  uint8_t id = 0;
  uint8_t variant = 0xFF;
  platform::BusResult r = bus_.readRegisters(address_, bme680::kRegChipId, &id, 1);
  if (r == platform::BusResult::Ok) r = bus_.readRegisters(address_, bme680::kRegVariantId, &variant, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const bool bme688 = variant_ == Variant::Bme688;
  if (id != bme680::kChipId || (variant == bme680::kVariantBme688) != bme688) return fail(ReadError::Absent);
  uint8_t a[23];
  uint8_t b[14];
  uint8_t h[5];
  r = bus_.readRegisters(address_, bme680::kRegCoeff1, a, sizeof a);
  if (r == platform::BusResult::Ok) r = bus_.readRegisters(address_, bme680::kRegCoeff2, b, sizeof b);
  if (r == platform::BusResult::Ok) r = bus_.readRegisters(address_, bme680::kRegCoeff3, h, sizeof h);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  calibration_ = bme680::parseCalibration(a, b, h);
  // A blank NVM is a part that did not load its trimming.
  if (calibration_.t1 == 0 || calibration_.t1 == 0xFFFF || calibration_.p1 == 0) return fail(ReadError::Crc);
  // Humidity oversampling, no IIR filter, the heater's duration, gas conversions on (heater step 0).
  const uint8_t config[8] = {bme680::kRegCtrlHum, bme680::kOsrsH, bme680::kRegConfig, 0x00, bme680::kRegGasWait0,
                             gasWait_, bme680::kRegCtrlGas1, bme688 ? bme680::kRunGasBme688 : bme680::kRunGasBme680};
  r = bus_.write(address_, config, sizeof config);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return done();
}

PolledSensor::Result Bme680::start(uint64_t) {
  // The heater resistance depends on the ambient temperature: the last one read.
  const uint8_t go[4] = {bme680::kRegResHeat0, bme680::heaterResistance(calibration_, heaterC_, ambientC_),
                         bme680::kRegCtrlMeas,
                         static_cast<uint8_t>(bme680::kOsrsT << 5 | bme680::kOsrsP << 2 | 0x01)};  // forced
  const platform::BusResult r = bus_.write(address_, go, sizeof go);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  polls_ = 0;
  const uint32_t us = bme680::measurementUs(bme680::kOsrsT, bme680::kOsrsP, bme680::kOsrsH);
  return waitMs((us + 999) / 1000 + bme680::gasWaitMs(gasWait_));
}

PolledSensor::Result Bme680::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t d[bme680::kFieldLength];
  const platform::BusResult r = bus_.readRegisters(address_, bme680::kRegStatus, d, sizeof d);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!(d[0] & bme680::kNewData)) {
    if (++polls_ > kMaxPolls) return fail(ReadError::Timeout);
    return waitMs(kPollMs);
  }
  const uint32_t adcP = static_cast<uint32_t>(d[2]) << 12 | static_cast<uint32_t>(d[3]) << 4 | d[4] >> 4;
  const uint32_t adcT = static_cast<uint32_t>(d[5]) << 12 | static_cast<uint32_t>(d[6]) << 4 | d[7] >> 4;
  const uint16_t adcH = static_cast<uint16_t>(d[8] << 8 | d[9]);
  // The BME680 reports its gas reading at 0x2A/0x2B, the BME688 at 0x2C/0x2D.
  const uint8_t* g = variant_ == Variant::Bme680 ? d + 13 : d + 15;
  // No valid gas conversion, or a heater that did not reach its temperature: not a reading.
  if (!(g[1] & bme680::kGasValid) || !(g[1] & bme680::kHeatStable)) return fail(ReadError::OutOfRange);
  const uint16_t adcG = static_cast<uint16_t>(g[0] << 2 | g[1] >> 6);
  const uint8_t range = static_cast<uint8_t>(g[1] & 0x0F);
  int32_t tFine = 0;
  const double celsius = bme680::compensateTemperature(calibration_, adcT, &tFine) / 100.0;
  const double hpa = bme680::compensatePressure(calibration_, adcP, tFine) / 100.0;
  // Operating range, datasheet section 1: -40..85 degC, 300..1100 hPa.
  if (celsius < -40 || celsius > 85 || hpa < 300 || hpa > 1100) return fail(ReadError::OutOfRange);
  const uint32_t ohm = variant_ == Variant::Bme680 ? bme680::gasResistanceBme680(calibration_, adcG, range)
                                                   : bme680::gasResistanceBme688(adcG, range);
  ambientC_ = static_cast<int32_t>(celsius);
  out.emit(0, celsius, takenMs);
  out.emit(1, bme680::compensateHumidity(calibration_, adcH, tFine) / 1000.0, takenMs);
  out.emit(2, hpa, takenMs);
  out.emit(3, ohm, takenMs);
  return done();
}

}  // namespace harbor
