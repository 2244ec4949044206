#include "harbor/sensors/bme280.h"

#include <stdio.h>

namespace harbor {
namespace bme280 {

namespace {

uint16_t u16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
int16_t s16(const uint8_t* p) { return static_cast<int16_t>(u16(p)); }

}  // namespace

Calibration parseCalibration(const uint8_t low[26], const uint8_t high[7]) {
  Calibration c;
  c.t1 = u16(low + 0);
  c.t2 = s16(low + 2);
  c.t3 = s16(low + 4);
  c.p1 = u16(low + 6);
  c.p2 = s16(low + 8);
  c.p3 = s16(low + 10);
  c.p4 = s16(low + 12);
  c.p5 = s16(low + 14);
  c.p6 = s16(low + 16);
  c.p7 = s16(low + 18);
  c.p8 = s16(low + 20);
  c.p9 = s16(low + 22);
  c.h1 = low[25];  // 0xA1; 0xA0 is not used
  c.h2 = s16(high + 0);
  c.h3 = high[2];
  // 0xE4 / 0xE5[3:0] and 0xE6 / 0xE5[7:4]: 12-bit signed values (table 16).
  c.h4 = static_cast<int16_t>(static_cast<int8_t>(high[3]) * 16 | (high[4] & 0x0F));
  c.h5 = static_cast<int16_t>(static_cast<int8_t>(high[5]) * 16 | (high[4] >> 4));
  c.h6 = static_cast<int8_t>(high[6]);
  return c;
}

int32_t compensateTemperature(const Calibration& c, int32_t adcT, int32_t* tFine) {
  const int32_t var1 = ((((adcT >> 3) - (static_cast<int32_t>(c.t1) << 1))) * static_cast<int32_t>(c.t2)) >> 11;
  const int32_t d = (adcT >> 4) - static_cast<int32_t>(c.t1);
  const int32_t var2 = (((d * d) >> 12) * static_cast<int32_t>(c.t3)) >> 14;
  *tFine = var1 + var2;
  return (*tFine * 5 + 128) >> 8;
}

uint32_t compensatePressure(const Calibration& c, int32_t adcP, int32_t tFine) {
  int64_t var1 = static_cast<int64_t>(tFine) - 128000;
  int64_t var2 = var1 * var1 * c.p6;
  var2 = var2 + ((var1 * c.p5) * 131072);
  var2 = var2 + (static_cast<int64_t>(c.p4) * 34359738368LL);
  var1 = ((var1 * var1 * c.p3) / 256) + ((var1 * c.p2) * 4096);
  var1 = ((static_cast<int64_t>(1) << 47) + var1) * static_cast<int64_t>(c.p1) / 8589934592LL;
  if (var1 == 0) return 0;  // the datasheet's guard against a division by zero
  int64_t p = 1048576 - adcP;
  p = (((p * 2147483648LL) - var2) * 3125) / var1;
  var1 = (static_cast<int64_t>(c.p9) * (p / 8192) * (p / 8192)) / 33554432;
  var2 = (static_cast<int64_t>(c.p8) * p) / 524288;
  p = ((p + var1 + var2) / 256) + (static_cast<int64_t>(c.p7) * 16);
  return static_cast<uint32_t>(p);
}

uint32_t compensateHumidity(const Calibration& c, int32_t adcH, int32_t tFine) {
  int32_t v = tFine - 76800;
  v = (((((adcH << 14) - (static_cast<int32_t>(c.h4) << 20) - (static_cast<int32_t>(c.h5) * v)) + 16384) >> 15) *
       (((((((v * static_cast<int32_t>(c.h6)) >> 10) * (((v * static_cast<int32_t>(c.h3)) >> 11) + 32768)) >> 10) +
          2097152) * static_cast<int32_t>(c.h2) + 8192) >> 14));
  v = v - (((((v >> 15) * (v >> 15)) >> 7) * static_cast<int32_t>(c.h1)) >> 4);
  if (v < 0) v = 0;
  if (v > 419430400) v = 419430400;
  return static_cast<uint32_t>(v >> 12);
}

uint32_t measurementTimeUs(uint8_t osrsT, uint8_t osrsP, uint8_t osrsH) {
  // t_measure,max = 1.25 + 2.3 T + (2.3 P + 0.575) + (2.3 H + 0.575) ms, skipped ones without their term.
  uint32_t us = 1250 + 2300u * osrsT;
  if (osrsP > 0) us += 2300u * osrsP + 575;
  if (osrsH > 0) us += 2300u * osrsH + 575;
  return us;
}

}  // namespace bme280

namespace {

// ctrl_meas/ctrl_hum code of an oversampling factor: 1 -> 1 (x1) ... 16 -> 5 (x16).
uint8_t oversamplingCode(uint8_t factor) {
  uint8_t code = 1;
  while (code < 5 && (1u << (code - 1)) < factor) ++code;
  return code;
}

// Still measuring after twice the datasheet's maximum: something is wrong.
const uint8_t kMaxStatusPolls = 5;
const uint32_t kStatusPollMs = 2;

}  // namespace

Bme280::Bme280(I2cBus& bus, uint8_t address, Variant variant, uint32_t intervalMs, uint8_t oversampling)
    : PolledSensor(name_, intervalMs),
      bus_(bus),
      address_(address),
      variant_(variant),
      osrsCode_(oversamplingCode(oversampling)),
      polls_(0),
      calibration_() {
  snprintf(name_, sizeof name_, "%s 0x%02x", variant == Variant::Bme280 ? "bme280" : "bmp280", address);
}

PolledSensor::Result Bme280::setup(uint64_t) {
  uint8_t id = 0;
  platform::BusResult r = bus_.readRegisters(address_, bme280::kRegChipId, &id, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const uint8_t expected = variant_ == Variant::Bme280 ? bme280::kChipIdBme280 : bme280::kChipIdBmp280;
  if (id != expected) return fail(ReadError::Absent);  // another device at this address
  uint8_t low[26];
  uint8_t high[7] = {0, 0, 0, 0, 0, 0, 0};
  r = bus_.readRegisters(address_, bme280::kRegCalibration1, low, sizeof low);
  if (r == platform::BusResult::Ok && variant_ == Variant::Bme280) {
    r = bus_.readRegisters(address_, bme280::kRegCalibration2, high, sizeof high);
  }
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  calibration_ = bme280::parseCalibration(low, high);
  // A blank calibration (all zeros, all ones) is a device that did not load its NVM.
  if (calibration_.t1 == 0 || calibration_.t1 == 0xFFFF || calibration_.p1 == 0) return fail(ReadError::Crc);
  // No IIR filter: in forced mode every reading stands for itself.
  r = bus_.writeRegister(address_, bme280::kRegConfig, 0x00);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return done();
}

PolledSensor::Result Bme280::start(uint64_t) {
  platform::BusResult r = platform::BusResult::Ok;
  // ctrl_hum takes effect only after the following write to ctrl_meas (datasheet 5.4.3).
  if (variant_ == Variant::Bme280) r = bus_.writeRegister(address_, bme280::kRegCtrlHum, osrsCode_);
  if (r == platform::BusResult::Ok) {
    r = bus_.writeRegister(address_, bme280::kRegCtrlMeas,
                           static_cast<uint8_t>(osrsCode_ << 5 | osrsCode_ << 2 | 0x01));  // forced mode
  }
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  polls_ = 0;
  const uint8_t factor = static_cast<uint8_t>(1u << (osrsCode_ - 1));
  const uint32_t us = bme280::measurementTimeUs(factor, factor, variant_ == Variant::Bme280 ? factor : 0);
  return waitMs((us + 999) / 1000);
}

PolledSensor::Result Bme280::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t status = 0;
  platform::BusResult r = bus_.readRegisters(address_, bme280::kRegStatus, &status, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (status & bme280::kStatusMeasuring) {
    if (++polls_ > kMaxStatusPolls) return fail(ReadError::Timeout);
    return waitMs(kStatusPollMs);
  }
  uint8_t d[8];
  r = bus_.readRegisters(address_, bme280::kRegData, d, variant_ == Variant::Bme280 ? 8 : 6);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const int32_t adcP = static_cast<int32_t>(d[0]) << 12 | d[1] << 4 | d[2] >> 4;
  const int32_t adcT = static_cast<int32_t>(d[3]) << 12 | d[4] << 4 | d[5] >> 4;
  if (adcT == bme280::kSkipped20 || adcP == bme280::kSkipped20) return fail(ReadError::OutOfRange);
  int32_t tFine = 0;
  const double celsius = bme280::compensateTemperature(calibration_, adcT, &tFine) / 100.0;
  const double hpa = bme280::compensatePressure(calibration_, adcP, tFine) / 25600.0;
  // The datasheet's operating range (section 1): beyond it the reading is not a measurement.
  if (celsius < -40 || celsius > 85 || hpa < 300 || hpa > 1100) return fail(ReadError::OutOfRange);
  out.emit(0, celsius, takenMs);
  if (variant_ == Variant::Bme280) {
    const int32_t adcH = static_cast<int32_t>(d[6]) << 8 | d[7];
    if (adcH == bme280::kSkipped16) return fail(ReadError::OutOfRange);
    out.emit(1, bme280::compensateHumidity(calibration_, adcH, tFine) / 1024.0, takenMs);
  }
  out.emit(variant_ == Variant::Bme280 ? 2 : 1, hpa, takenMs);
  return done();
}

}  // namespace harbor
