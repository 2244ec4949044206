// BME680 / BME688: the datasheet's integer compensation against its own
// floating-point form across the range, the gas formulas' exact values, then
// the driver against the host model through faults.
#include <math.h>

#include "bme680_model.h"
#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/bme680.h"
#include "sensor_faults.h"

using harbor::Bme680;
using harbor::I2cBus;
using harbor::ReadError;
using harbor::bme680::Calibration;
using harbor::host::Bme680Model;
using harbor::host::Faults;
using harbor::host::Wave;

namespace {

// BME680 datasheet section 5, the floating-point forms of the same compensation:
// an independent way to the same numbers, to check the integer code against.
double temperatureFloat(const Calibration& c, uint32_t adc, double* tFine) {
  const double var1 = (adc / 16384.0 - c.t1 / 1024.0) * c.t2;
  const double d = adc / 131072.0 - c.t1 / 8192.0;
  *tFine = var1 + d * d * (c.t3 * 16.0);
  return *tFine / 5120.0;
}

double pressureFloat(const Calibration& c, uint32_t adc, double tFine) {
  double var1 = tFine / 2.0 - 64000.0;
  double var2 = var1 * var1 * (c.p6 / 131072.0);
  var2 = var2 + var1 * c.p5 * 2.0;
  var2 = var2 / 4.0 + c.p4 * 65536.0;
  var1 = (c.p3 * var1 * var1 / 16384.0 + c.p2 * var1) / 524288.0;
  var1 = (1.0 + var1 / 32768.0) * c.p1;
  double p = 1048576.0 - adc;
  p = ((p - var2 / 4096.0) * 6250.0) / var1;
  var1 = c.p9 * p * p / 2147483648.0;
  var2 = p * (c.p8 / 32768.0);
  const double var3 = (p / 256.0) * (p / 256.0) * (p / 256.0) * (c.p10 / 131072.0);
  return p + (var1 + var2 + var3 + c.p7 * 128.0) / 16.0;
}

double humidityFloat(const Calibration& c, uint16_t adc, double tFine) {
  const double t = tFine / 5120.0;
  const double var1 = adc - (c.h1 * 16.0 + c.h3 / 2.0 * t);
  const double var2 = var1 * (c.h2 / 262144.0 * (1.0 + c.h4 / 16384.0 * t + c.h5 / 1048576.0 * t * t));
  const double h = var2 + (c.h6 / 16384.0 + c.h7 / 2097152.0 * t) * var2 * var2;
  return h > 100 ? 100 : h < 0 ? 0 : h;
}

double gasLowFloat(const Calibration& c, uint16_t adc, uint8_t range) {
  static const double k1[16] = {0, 0, 0, 0, 0, -1, 0, -0.8, 0, 0, -0.2, -0.5, 0, -1, 0, 0};
  static const double k2[16] = {0, 0, 0, 0, 0.1, 0.7, 0, -0.8, -0.1, 0, 0, 0, 0, 0, 0, 0};
  const double var1 = 1340.0 + 5.0 * c.rangeSwitchingError;
  const double var2 = var1 * (1.0 + k1[range] / 100.0);
  const double var3 = 1.0 + k2[range] / 100.0;
  return 1.0 / (var3 * 0.000000125 * (1 << range) * ((adc - 512.0) / var2 + 1.0));
}

double heaterFloat(const Calibration& c, double targetC, double ambientC) {
  const double var1 = c.g1 / 16.0 + 49.0;
  const double var2 = c.g2 / 32768.0 * 0.0005 + 0.00235;
  const double var3 = c.g3 / 1024.0;
  const double var5 = var1 * (1.0 + var2 * targetC) + var3 * ambientC;
  return 3.4 * (var5 * (4.0 / (4.0 + c.resHeatRange)) * (1.0 / (1.0 + c.resHeatVal * 0.002)) - 25.0);
}

Calibration modelCalibration() {
  return harbor::bme680::parseCalibration(Bme680Model::kCoeff1, Bme680Model::kCoeff2, Bme680Model::kCoeff3);
}

const Wave kTemperature = {22.0, 5.0, 600000, 0};
const Wave kHumidity = {45.0, 15.0, 900000, 0};
const Wave kPressure = {1005.0, 8.0, 1200000, 0};
const Wave kGas = {60000.0, 20000.0, 1800000, 0};

void run(Bme680Model& model, bool bme688, uint32_t intervalMs, uint64_t untilMs, fake::Capture& out) {
  fake::reset();
  harbor::host::detachAllModels();
  harbor::host::attachI2c(0, 0x77, &model);
  I2cBus bus(0, 21, 22, 400000);
  Bme680 sensor(bus, 0x77, bme688 ? Bme680::Variant::Bme688 : Bme680::Variant::Bme680, intervalMs, 320, 150);
  fake::runComponent(sensor, out, untilMs);
}

void checkValues(const fake::Capture& out) {
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    const Wave& w = e.channel == 0 ? kTemperature : e.channel == 1 ? kHumidity : e.channel == 2 ? kPressure : kGas;
    // Pressure: 2 Pa steps, and a gap of ~4 Pa where the integer code switches its division order.
    const double resolution = e.channel == 0 ? 0.01 : e.channel == 1 ? 0.01 : e.channel == 2 ? 0.05 : 100;
    CHECK(fabs(e.value - w.at(e.takenMs)) <= resolution);
  }
}

}  // namespace

TEST_CASE("bme680: trimming registers parsed as the datasheet maps them (H1/H2 sharing 0xE2, range_sw_err signed)") {
  const Calibration c = modelCalibration();
  CHECK_EQ(c.t1, 26203u);
  CHECK_EQ(c.t2, 26519);
  CHECK_EQ(c.p6, 30);
  CHECK_EQ(c.p7, 24);
  CHECK_EQ(c.p10, 30u);
  CHECK_EQ(c.h1, 794u);
  CHECK_EQ(c.h2, 1007u);
  CHECK_EQ(c.h7, -100);
  CHECK_EQ(c.g2, -5969);
  CHECK_EQ(c.resHeatRange, 1u);
  CHECK_EQ(c.rangeSwitchingError, -1);
}

TEST_CASE("bme680: integer temperature, pressure and humidity agree with the datasheet's floating-point forms") {
  const Calibration c = modelCalibration();
  for (uint32_t adcT = 350000; adcT <= 650000; adcT += 25000) {
    int32_t tFine = 0;
    double tFineF = 0;
    const double t = harbor::bme680::compensateTemperature(c, adcT, &tFine) / 100.0;
    CHECK(fabs(t - temperatureFloat(c, adcT, &tFineF)) <= 0.01);
    for (uint32_t adcP = 250000; adcP <= 500000; adcP += 25000) {
      const double pa = harbor::bme680::compensatePressure(c, adcP, tFine);
      const double reference = pressureFloat(c, adcP, tFineF);
      if (reference < 30000 || reference > 110000) continue;  // outside the part's range
      // The integer code steps in 2 Pa and drifts up to ~8 Pa from the float form: 0.1 hPa, within the
      // part's +-0.6 hPa absolute accuracy.
      CHECK(fabs(pa - reference) <= 10.0);
    }
    for (uint32_t adcH = 15000; adcH <= 35000; adcH += 1000) {
      const double rh = harbor::bme680::compensateHumidity(c, static_cast<uint16_t>(adcH), tFine) / 1000.0;
      // Up to 0.05 %RH apart near saturation.
      CHECK(fabs(rh - humidityFloat(c, static_cast<uint16_t>(adcH), tFineF)) <= 0.1);
    }
  }
}

TEST_CASE("bme680: BME680 gas resistance (integer) agrees with the floating-point form in every range") {
  const Calibration c = modelCalibration();
  for (uint8_t range = 0; range < 16; ++range) {
    for (uint16_t adc = 0; adc < 1024; adc += 31) {
      const double integer = harbor::bme680::gasResistanceBme680(c, adc, range);
      const double reference = gasLowFloat(c, adc, range);
      CHECK(fabs(integer - reference) <= reference * 0.002 + 1);
    }
  }
}

TEST_CASE("bme680: BME688 gas resistance 10^6 * 2^(18 - range) / (4096 + 3 (adc - 512)): adc 512 is 64 MOhm in range 0, 2 MOhm in range 5") {
  CHECK_EQ(harbor::bme680::gasResistanceBme688(512, 0), 64000000u);
  CHECK_EQ(harbor::bme680::gasResistanceBme688(512, 5), 2000000u);
  CHECK_EQ(harbor::bme680::gasResistanceBme688(1024 - 1, 10), 10000u * 256u / (4096u + 3u * 511u) * 100u);
}

TEST_CASE("bme680: heater resistance for 320 degC agrees with the floating-point form; gas_wait codes of the datasheet") {
  const Calibration c = modelCalibration();
  for (int ambient = -10; ambient <= 50; ambient += 10) {
    for (uint16_t target = 200; target <= 400; target += 20) {
      // The float form truncates where the integer one rounds, and the integer one's (ambient * g3) / 1000
      // is 0 below 56 degC: they differ by up to 3 counts of ~100.
      CHECK(fabs(harbor::bme680::heaterResistance(c, target, ambient) - heaterFloat(c, target, ambient)) <= 3.0);
    }
  }
  // 6 bits of 1 ms steps times 1, 4, 16 or 64 (bits 7:6).
  CHECK_EQ(harbor::bme680::gasWaitCode(63), 0x3Fu);
  CHECK_EQ(harbor::bme680::gasWaitCode(100), 0x59u);  // 25 x 4
  CHECK_EQ(harbor::bme680::gasWaitCode(150), 0x65u);  // 37 x 4 = 148 ms
  CHECK_EQ(harbor::bme680::gasWaitMs(0x65), 148u);
  CHECK_EQ(harbor::bme680::gasWaitMs(0xFF), 4032u);
  CHECK_EQ(harbor::bme680::gasWaitCode(5000), 0xFFu);
}

TEST_CASE("bme680: BME680 and BME688 read the model's four values on every slot with the heater at 320 degC") {
  for (int bme688 = 0; bme688 < 2; ++bme688) {
    Bme680Model model(bme688 != 0, kTemperature, kHumidity, kPressure, kGas, Faults());
    fake::Capture out;
    run(model, bme688 != 0, 10000, 3600000, out);
    for (uint8_t ch = 0; ch < 4; ++ch) CHECK_EQ(out.of(ch).size(), 360u);
    CHECK(out.errors.empty());
    for (size_t i = 0; i < out.readings.size(); ++i) CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
    checkValues(out);
    // The heater resistance follows the ambient temperature the driver last read.
    if (!out.of(0).empty()) CHECK(fabs(model.resHeat() - heaterFloat(modelCalibration(), 320, out.of(0).back().value)) <= 2.0);
  }
}

TEST_CASE("bme680: a heater that does not reach its temperature (10 ms) gives no reading, each slot counted") {
  Bme680Model model(false, kTemperature, kHumidity, kPressure, kGas, Faults());
  fake::reset();
  harbor::host::detachAllModels();
  harbor::host::attachI2c(0, 0x77, &model);
  I2cBus bus(0, 21, 22, 400000);
  Bme680 sensor(bus, 0x77, Bme680::Variant::Bme680, 10000, 320, 10);
  fake::Capture out;
  fake::runComponent(sensor, out, 60000);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 6u);
}

TEST_CASE("bme680: a BME688 is not taken for a BME680 (variant id)") {
  Bme680Model model(true, kTemperature, kHumidity, kPressure, kGas, Faults());
  fake::Capture out;
  run(model, false, 10000, 60000, out);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 6u);
}

TEST_CASE("bme680: NACKs cost single readings; unplugged for 10 minutes: counted, said once, back after") {
  Faults faults;
  faults.nackRate = 0.03;
  faults.seed = 6;
  harbor::host::Window gone = {600000, 1200000};
  faults.unplugged.push_back(gone);
  Bme680Model model(false, kTemperature, kHumidity, kPressure, kGas, faults);
  fake::Capture out;
  run(model, false, 10000, 1800000, out);
  fake::checkUnplugged(out, gone, 10000, 1800000, 14);
  CHECK_EQ(out.of(3).size(), out.of(0).size());
  checkValues(out);
}

// The model takes its registers from bme680.h: a wrong address there would be
// copied by it, so each one the driver uses is pinned to the datasheet's.
TEST_CASE("bme680: the driver's registers are the datasheet's memory map (BST-BME680-DS001 section 5.2, BME688 BST-BME688-DS000)") {
  namespace b = harbor::bme680;
  CHECK_EQ(b::kRegStatus, 0x1D);       // meas_status_0; field 0 runs to gas_r_lsb at 0x2B (0x2D on the BME688)
  CHECK_EQ(b::kFieldLength, 17);
  CHECK_EQ(b::kRegResHeat0, 0x5A);     // res_heat_0
  CHECK_EQ(b::kRegGasWait0, 0x64);     // gas_wait_0
  CHECK_EQ(b::kRegCtrlGas1, 0x71);
  CHECK_EQ(b::kRegCtrlHum, 0x72);
  CHECK_EQ(b::kRegCtrlMeas, 0x74);
  CHECK_EQ(b::kRegConfig, 0x75);
  CHECK_EQ(b::kRegChipId, 0xD0);
  CHECK_EQ(b::kChipId, 0x61);
  CHECK_EQ(b::kRegVariantId, 0xF0);    // BME688 datasheet: variant_id 0x01 ("gas high")
  CHECK_EQ(b::kVariantBme688, 0x01);
  // Section 3.3's calibration tables: par_t2 at 0x8A starts the first block, par_h2 at 0xE1
  // the second, res_heat_val at 0x00 (res_heat_range 0x02, range_switching_error 0x04) the third.
  CHECK_EQ(b::kRegCoeff1, 0x8A);
  CHECK_EQ(b::kRegCoeff2, 0xE1);
  CHECK_EQ(b::kRegCoeff3, 0x00);
  // Bits: new_data_0 (0x1D bit 7), gas_valid_r (bit 5), heat_stab_r (bit 4), run_gas (ctrl_gas_1 bit 4; 5:4 = 2 on the BME688).
  CHECK_EQ(b::kNewData, 0x80);
  CHECK_EQ(b::kGasValid, 0x20);
  CHECK_EQ(b::kHeatStable, 0x10);
  CHECK_EQ(b::kRunGasBme680, 0x10);
  CHECK_EQ(b::kRunGasBme688, 0x20);
}
