// BMP388 / BMP390: the datasheet's section 9 compensation, term by term, with
// trimming values chosen so each coefficient's scaling gives an exact number
// by hand; then the driver against the host model through faults.
#include <math.h>

#include "bmp3_model.h"
#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/bmp3.h"
#include "sensor_faults.h"

using harbor::Bmp3;
using harbor::I2cBus;
using harbor::ReadError;
using harbor::host::Bmp3Model;
using harbor::host::Faults;
using harbor::host::Wave;

namespace {

#define LE(v) static_cast<uint8_t>((v) & 0xFF), static_cast<uint8_t>(((v) >> 8) & 0xFF)
#define S8(v) static_cast<uint8_t>((v) & 0xFF)

const Wave kTemperature = {21.0, 5.0, 600000, 0};
const Wave kPressure = {1013.25, 8.0, 1200000, 0};

void run(Bmp3Model& model, bool bmp390, uint64_t untilMs, fake::Capture& out) {
  fake::reset();
  harbor::host::detachAllModels();
  harbor::host::attachI2c(0, 0x77, &model);
  I2cBus bus(0, 21, 22, 400000);
  Bmp3 sensor(bus, 0x77, bmp390 ? Bmp3::Variant::Bmp390 : Bmp3::Variant::Bmp388, 10000);
  fake::runComponent(sensor, out, untilMs);
}

void checkValues(const fake::Capture& out) {
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    if (e.channel == 0) CHECK(fabs(e.value - kTemperature.at(e.takenMs)) <= 0.01);
    else CHECK(fabs(e.value - kPressure.at(e.takenMs)) <= 0.001);
  }
}

}  // namespace

// Section 9.1: PAR_T1 = NVM_PAR_T1 * 2^8, PAR_T2 = NVM / 2^30, PAR_T3 = NVM / 2^48;
// section 9.2: t_lin = (u - PAR_T1) * PAR_T2 + (u - PAR_T1)^2 * PAR_T3.
TEST_CASE("bmp3: temperature, datasheet sections 9.1-9.2: T1 27500, T2 2^14, T3 -128 give 0, 25 and 23.779296875 degC") {
  const uint8_t nvm[21] = {LE(27500), LE(16384), S8(-128), LE(16384), LE(16384), 0, 0, LE(12500), LE(0), 0, 0, LE(0), 0, 0};
  const harbor::bmp3::Calibration c = harbor::bmp3::parseCalibration(nvm);
  double tLin = 1;
  CHECK_EQ(harbor::bmp3::compensateTemperature(c, 27500 * 256, &tLin), 0.0);  // u = PAR_T1
  CHECK_EQ(tLin, 0.0);
  // u - PAR_T1 = 25 * 2^16: 25 * 2^16 * 2^-16 = 25, and (25 * 2^16)^2 * -128 / 2^48 = -625 / 2^9.
  CHECK_EQ(harbor::bmp3::compensateTemperature(c, 27500 * 256 + 25 * 65536, &tLin), 25.0 - 1.220703125);
  const uint8_t noT3[21] = {LE(27500), LE(16384), 0, LE(16384), LE(16384), 0, 0, LE(12500), LE(0), 0, 0, LE(0), 0, 0};
  CHECK_EQ(harbor::bmp3::compensateTemperature(harbor::bmp3::parseCalibration(noT3), 27500 * 256 + 25 * 65536, &tLin), 25.0);
}

// Section 9.1: P1 = (NVM - 2^14) / 2^20, P2 = (NVM - 2^14) / 2^29, P3 / 2^32, P4 / 2^37, P5 * 2^3,
// P6 / 2^6, P7 / 2^8, P8 / 2^15, P9 / 2^48, P10 / 2^48, P11 / 2^65; section 9.3's polynomial.
TEST_CASE("bmp3: pressure, datasheet sections 9.1 and 9.3, every coefficient's term exact by hand") {
  // t_lin = 0, P1 at its offset (0): only PAR_P5 = 12500 * 8 = 100000 Pa is left, whatever the raw value.
  const uint8_t base[21] = {LE(27500), LE(16384), 0, LE(16384), LE(16384), 0, 0, LE(12500), LE(0), 0, 0, LE(0), 0, 0};
  CHECK_EQ(harbor::bmp3::compensatePressure(harbor::bmp3::parseCalibration(base), 1u << 20, 0.0), 100000.0);
  // P1 = 2^14 - 2^10 -> -2^-10 Pa per count: 2^20 counts are -1024 Pa.
  const uint8_t p1[21] = {LE(27500), LE(16384), 0, LE(15360), LE(16384), 0, 0, LE(12500), LE(0), 0, 0, LE(0), 0, 0};
  CHECK_EQ(harbor::bmp3::compensatePressure(harbor::bmp3::parseCalibration(p1), 1u << 20, 0.0), 98976.0);
  // All terms at t_lin = 25, u = 2^20:
  //  P5 100000 + P6 (64 / 2^6) * 25 + P7 (64 / 2^8) * 625 + P8 (-128 / 2^15) * 15625 = 100120.21484375
  //  u * (P2 (512 / 2^29) * 25 + P3 (64 / 2^32) * 625 + P4 (32 / 2^37) * 15625) = 25 + 9.765625 + 3.814697265625
  //  u^2 * (P9 (2^14 / 2^48) + P10 (64 / 2^48) * 25) + u^3 * P11 (-128 / 2^65) = 64 + 6.25 - 4
  const uint8_t all[21] = {LE(27500), LE(16384), 0,        LE(16384), LE(16896), S8(64), S8(32),
                           LE(12500), LE(64),    S8(64),   S8(-128),  LE(16384), S8(64), S8(-128)};
  CHECK_EQ(harbor::bmp3::compensatePressure(harbor::bmp3::parseCalibration(all), 1u << 20, 25.0), 100225.045166015625);
}

TEST_CASE("bmp3: measurement time, datasheet section 3.9 (measurement time): 234 + 392 + 2^osr_p 2020 + 163 + 2^osr_t 2020 us") {
  CHECK_EQ(harbor::bmp3::measurementTimeUs(0, 0), 4829u);
  CHECK_EQ(harbor::bmp3::measurementTimeUs(3, 0), 18969u);
}

TEST_CASE("bmp3: BMP388 and BMP390 read the model's temperature and pressure on every slot") {
  for (int bmp390 = 0; bmp390 < 2; ++bmp390) {
    Bmp3Model model(bmp390 != 0, kTemperature, kPressure, Faults());
    fake::Capture out;
    run(model, bmp390 != 0, 3600000, out);
    CHECK_EQ(out.of(0).size(), 360u);
    CHECK_EQ(out.of(1).size(), 360u);
    CHECK(out.errors.empty());
    for (size_t i = 0; i < out.readings.size(); ++i) CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
    checkValues(out);
  }
}

TEST_CASE("bmp3: a conversion slower than the datasheet's is polled until both data-ready flags are set, never read stale") {
  Bmp3Model model(false, kTemperature, kPressure, Faults());
  model.extraMs = 6;
  fake::Capture out;
  run(model, false, 600000, out);
  CHECK_EQ(out.of(0).size(), 60u);
  CHECK(out.errors.empty());
  checkValues(out);
}

TEST_CASE("bmp3: a BMP388 driver does not take a BMP390 for its chip") {
  Bmp3Model model(true, kTemperature, kPressure, Faults());
  fake::Capture out;
  run(model, false, 60000, out);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 6u);
}

TEST_CASE("bmp3: NACKs cost single readings; unplugged for 10 minutes: counted, said once, back after") {
  Faults faults;
  faults.nackRate = 0.03;
  faults.seed = 8;
  harbor::host::Window gone = {600000, 1200000};
  faults.unplugged.push_back(gone);
  Bmp3Model model(false, kTemperature, kPressure, faults);
  fake::Capture out;
  run(model, false, 1800000, out);
  fake::checkUnplugged(out, gone, 10000, 1800000, 14);
  checkValues(out);
}
