// BME280 / BMP280: the datasheet's compensation against its published
// example, then the driver against the host model through faults.
#include <math.h>

#include "bme280_model.h"
#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/bme280.h"
#include "sensor_faults.h"

using harbor::Bme280;
using harbor::I2cBus;
using harbor::ReadError;
using harbor::host::Bme280Model;
using harbor::host::Faults;
using harbor::host::Wave;

namespace {

#define LE(v) static_cast<uint8_t>((v) & 0xFF), static_cast<uint8_t>(((v) >> 8) & 0xFF)

// BMP280 datasheet (BST-BMP280-DS001), section 3.12, the worked example of
// the compensation: these trimming values and raw readings give 25.08 degC and
// 100653.27 Pa (the BME280 shares the temperature and pressure formulas).
const uint8_t kExampleLow[26] = {LE(27504), LE(26435), LE(-1000), LE(36477), LE(-10685), LE(3024), LE(2855),
                                 LE(140),   LE(-7),    LE(15500), LE(-14600), LE(6000),  0,        0};
const uint8_t kNoHumidity[7] = {0, 0, 0, 0, 0, 0, 0};

// BME280 datasheet section 8.1: the floating-point humidity compensation, an
// independent form of the same correction, to check the fixed-point one against.
double humidityDouble(const harbor::bme280::Calibration& c, int32_t adcH, int32_t tFine) {
  double h = tFine - 76800.0;
  h = (adcH - (c.h4 * 64.0 + c.h5 / 16384.0 * h)) *
      (c.h2 / 65536.0 * (1.0 + c.h6 / 67108864.0 * h * (1.0 + c.h3 / 67108864.0 * h)));
  h = h * (1.0 - c.h1 * h / 524288.0);
  if (h > 100.0) h = 100.0;
  if (h < 0.0) h = 0.0;
  return h;
}

const Wave kTemperature = {21.0, 4.0, 600000, 0};
const Wave kHumidity = {55.0, 10.0, 900000, 0};
const Wave kPressure = {1013.25, 6.0, 1200000, 0};

}  // namespace

TEST_CASE("bme280: the datasheet's worked example, 25.08 degC and 100653.27 Pa") {
  const harbor::bme280::Calibration c = harbor::bme280::parseCalibration(kExampleLow, kNoHumidity);
  CHECK_EQ(c.t1, 27504u);
  CHECK_EQ(c.p9, 6000);
  int32_t tFine = 0;
  CHECK_EQ(harbor::bme280::compensateTemperature(c, 519888, &tFine), 2508);
  const double pa = harbor::bme280::compensatePressure(c, 415148, tFine) / 256.0;
  CHECK(fabs(pa - 100653.27) < 0.05);
}

TEST_CASE("bme280: fixed-point humidity agrees with the datasheet's floating-point form across the range") {
  const harbor::bme280::Calibration c =
      harbor::bme280::parseCalibration(Bme280Model::kCalibrationLow, Bme280Model::kCalibrationHigh);
  CHECK_EQ(c.h4, 313);
  CHECK_EQ(c.h5, 50);
  for (int32_t adcT = 400000; adcT <= 600000; adcT += 50000) {
    int32_t tFine = 0;
    harbor::bme280::compensateTemperature(c, adcT, &tFine);
    for (int32_t adcH = 20000; adcH <= 40000; adcH += 1000) {
      const double fixed = harbor::bme280::compensateHumidity(c, adcH, tFine) / 1024.0;
      const double reference = humidityDouble(c, adcH, tFine);
      CHECK(fabs(fixed - reference) < 0.01);
    }
  }
}

TEST_CASE("bme280: measurement time is the datasheet's maximum") {
  CHECK_EQ(harbor::bme280::measurementTimeUs(1, 1, 1), 9300u);   // 1.25 + 2.3 + 2.875 + 2.875 ms
  CHECK_EQ(harbor::bme280::measurementTimeUs(16, 16, 0), 75425u);
}

TEST_CASE("bme280: reads the model's temperature, humidity and pressure to their resolution, never waiting") {
  fake::reset();
  harbor::host::detachAllModels();
  Bme280Model model(false, kTemperature, kHumidity, kPressure, Faults());
  harbor::host::attachI2c(0, 0x76, &model);
  I2cBus bus(0, 21, 22, 100000);
  Bme280 sensor(bus, 0x76, Bme280::Variant::Bme280, 30000, 1);
  fake::Capture out;
  fake::runComponent(sensor, out, 3600000);
  CHECK_EQ(out.of(0).size(), 120u);
  CHECK_EQ(out.of(1).size(), 120u);
  CHECK_EQ(out.of(2).size(), 120u);
  CHECK(out.errors.empty());
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    CHECK_EQ(e.takenMs % 30000, 0u);  // stamped at its slot
    const double expected = e.channel == 0 ? kTemperature.at(e.takenMs)
                            : e.channel == 1 ? kHumidity.at(e.takenMs)
                                             : kPressure.at(e.takenMs);
    const double resolution = e.channel == 0 ? 0.01 : e.channel == 1 ? 0.01 : 0.001;
    CHECK(fabs(e.value - expected) <= resolution);
  }
}

TEST_CASE("bme280: a BMP280 has no humidity channel") {
  fake::reset();
  harbor::host::detachAllModels();
  Bme280Model model(true, kTemperature, kHumidity, kPressure, Faults());
  harbor::host::attachI2c(0, 0x77, &model);
  I2cBus bus(0, 21, 22, 100000);
  Bme280 sensor(bus, 0x77, Bme280::Variant::Bmp280, 10000, 2);
  fake::Capture out;
  fake::runComponent(sensor, out, 60000);
  CHECK_EQ(out.of(0).size(), 6u);
  CHECK_EQ(out.of(1).size(), 6u);  // pressure: a BMP280 has two channels
  CHECK_EQ(out.of(2).size(), 0u);
  for (size_t i = 0; i < out.of(1).size(); ++i) CHECK(fabs(out.of(1)[i].value - kPressure.at(out.of(1)[i].takenMs)) <= 0.001);
  // A BME280 driver finds a BMP280 where it expected its own chip id: not its sensor.
  fake::reset();
  Bme280 wrong(bus, 0x77, Bme280::Variant::Bme280, 10000, 1);
  fake::Capture none;
  fake::runComponent(wrong, none, 60000);
  CHECK(none.readings.empty());
  CHECK_EQ(none.errors.size(), 6u);
}

TEST_CASE("bme280: unplugged for 10 minutes: every slot counted once, said once, back when it answers") {
  fake::reset();
  harbor::host::detachAllModels();
  Faults faults;
  harbor::host::Window gone = {600000, 1200000};
  faults.unplugged.push_back(gone);
  Bme280Model model(false, kTemperature, kHumidity, kPressure, faults);
  harbor::host::attachI2c(0, 0x76, &model);
  I2cBus bus(0, 21, 22, 100000);
  Bme280 sensor(bus, 0x76, Bme280::Variant::Bme280, 10000, 1);
  fake::Capture out;
  fake::runComponent(sensor, out, 1800000);
  fake::checkUnplugged(out, gone, 10000, 1800000);
}

TEST_CASE("bme280: NACKs now and then cost single readings, never a wrong value") {
  fake::reset();
  harbor::host::detachAllModels();
  Faults faults;
  faults.nackRate = 0.05;
  faults.seed = 7;
  Bme280Model model(false, kTemperature, kHumidity, kPressure, faults);
  harbor::host::attachI2c(0, 0x76, &model);
  I2cBus bus(0, 21, 22, 100000);
  Bme280 sensor(bus, 0x76, Bme280::Variant::Bme280, 10000, 1);
  fake::Capture out;
  fake::runComponent(sensor, out, 3600000);
  CHECK(out.errors.size() > 5u);
  CHECK_EQ(out.of(0).size() + out.errors.size(), 360u);
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    const Wave& w = e.channel == 0 ? kTemperature : e.channel == 1 ? kHumidity : kPressure;
    CHECK(fabs(e.value - w.at(e.takenMs)) <= 0.01);
  }
}
