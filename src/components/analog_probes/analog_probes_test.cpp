// Analog probes: each conversion against a published table, then the
// drivers against their host models through faults.
#include <math.h>

#include "analog_probes_model.h"
#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/analog_probes.h"

using harbor::Battery;
using harbor::Ntc;
using harbor::ReadError;
using harbor::SoilMoisture;
using harbor::host::BatteryModel;
using harbor::host::Faults;
using harbor::host::NtcModel;
using harbor::host::SoilMoistureModel;
using harbor::host::Wave;
namespace analog = harbor::analog;

namespace {

// Steinhart-Hart through three (degC, ohms) points: the standard solution of
// the three equations 1/T = a + b L + c L^3.
void fit(const double t[3], const double r[3], double* a, double* b, double* c) {
  double l[3], y[3];
  for (int i = 0; i < 3; ++i) {
    l[i] = log(r[i]);
    y[i] = 1.0 / (t[i] + 273.15);
  }
  const double g2 = (y[1] - y[0]) / (l[1] - l[0]);
  const double g3 = (y[2] - y[0]) / (l[2] - l[0]);
  *c = (g3 - g2) / (l[2] - l[1]) / (l[0] + l[1] + l[2]);
  *b = g2 - *c * (l[0] * l[0] + l[0] * l[1] + l[1] * l[1]);
  *a = y[0] - (*b + l[0] * l[0] * *c) * l[0];
}

}  // namespace

TEST_CASE("ntc: AMWEI AMF52-503F3950 (50 kOhm, B25/50 3950 K) table: beta gives 50.000 kOhm at 25 degC and 17.941 kOhm at 50 degC") {
  double a, b, c;
  analog::betaCoefficients(50000, 25, 3950, &a, &b, &c);
  CHECK(fabs(analog::steinhartHartCelsius(50000, a, b, c) - 25.0) < 0.001);
  CHECK(fabs(analog::steinhartHartCelsius(17941, a, b, c) - 50.0) < 0.01);
}

TEST_CASE("ntc: Steinhart-Hart fitted to the AMF52-503F3950 table at 0, 40, 100 degC reads its other rows within 0.3 degC") {
  const double t[3] = {0, 40, 100};
  const double r[3] = {163126, 26591, 3316};
  double a, b, c;
  fit(t, r, &a, &b, &c);
  for (int i = 0; i < 3; ++i) CHECK(fabs(analog::steinhartHartCelsius(r[i], a, b, c) - t[i]) < 1e-6);
  const struct { double c, ohms; } rows[] = {{-20, 488732}, {10, 98486}, {20, 61918}, {25, 50000}, {60, 12355}, {85, 5268}, {120, 1877}};
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; ++i) {
    CHECK(fabs(analog::steinhartHartCelsius(rows[i].ohms, a, b, c) - rows[i].c) < 0.3);
  }
  // The divider: 3.3 V, 10 kOhm to the supply, the NTC to GND at half the supply is 10 kOhm; the other way round too.
  CHECK_EQ(analog::ntcOhms(1650, 3300, 10000, true), 10000.0);
  CHECK(fabs(analog::ntcOhms(1100, 3300, 10000, true) - 5000) < 1e-9);
  CHECK(fabs(analog::ntcOhms(1100, 3300, 10000, false) - 20000) < 1e-9);
  CHECK_EQ(analog::ntcOhms(3300, 3300, 10000, true), 0.0);
}

TEST_CASE("battery: AMPOW LiPo voltage chart (1S): 4.20 V 100 %, 3.84 V 50 %, 3.80 V 40 %, 3.27 V 0 %, linear between, clamped") {
  CHECK_EQ(analog::liIonPercent(4.20), 100.0);
  CHECK_EQ(analog::liIonPercent(3.84), 50.0);
  CHECK_EQ(analog::liIonPercent(3.80), 40.0);
  CHECK_EQ(analog::liIonPercent(3.27), 0.0);
  CHECK(fabs(analog::liIonPercent(3.44) - 2.5) < 1e-9);   // half way from 3.27 V (0 %) to 3.61 V (5 %)
  CHECK(fabs(analog::liIonPercent(4.175) - 97.5) < 1e-9); // half way from 4.15 V (95 %) to 4.20 V
  CHECK_EQ(analog::liIonPercent(4.35), 100.0);
  CHECK_EQ(analog::liIonPercent(2.9), 0.0);
}

TEST_CASE("soil_moisture: DFRobot SEN0193 calibration (air 520, water 260): 520 is 0 %, 390 50 %, 260 100 %, clamped") {
  CHECK_EQ(analog::soilPercent(520, 520, 260), 0.0);
  CHECK_EQ(analog::soilPercent(390, 520, 260), 50.0);
  CHECK_EQ(analog::soilPercent(260, 520, 260), 100.0);
  CHECK_EQ(analog::soilPercent(600, 520, 260), 0.0);
  CHECK_EQ(analog::soilPercent(200, 520, 260), 100.0);
}

TEST_CASE("analog probes: soil, battery and NTC read their models' waves; refused reads are counted, never sent") {
  fake::reset();
  harbor::host::detachAllModels();
  const Wave percent = {40, 25, 900000, 0};
  const Wave volts = {3.44, 0.15, 1200000, 0};
  const Wave celsius = {22, 15, 600000, 0};
  Faults faults;
  faults.nackRate = 0.1;
  faults.seed = 5;
  SoilMoistureModel soilModel(2700, 1200, percent, faults);
  BatteryModel batteryModel(2, volts, Faults());
  NtcModel ntcModel(10000, 3300, true, Ntc::Curve::Beta, 3950, 10000, 25, celsius, Faults());
  harbor::host::attachPin(32, &soilModel);
  harbor::host::attachPin(33, &batteryModel);
  harbor::host::attachPin(34, &ntcModel);
  SoilMoisture soil(32, 2700, 1200, 10000);
  Battery battery(33, 2, 10000);
  Ntc ntc(34, 10000, 3300, true, Ntc::Curve::Beta, 3950, 10000, 25, 10000);
  fake::Capture soilOut, batteryOut, ntcOut;
  fake::runComponent(soil, soilOut, 3600000);
  fake::reset();
  fake::runComponent(battery, batteryOut, 3600000);
  fake::reset();
  fake::runComponent(ntc, ntcOut, 3600000);
  CHECK(soilOut.errors.size() > 20u);
  CHECK_EQ(soilOut.readings.size() + soilOut.errors.size(), 360u);
  for (size_t i = 0; i < soilOut.errors.size(); ++i) CHECK(soilOut.errors[i] == ReadError::Bus);
  for (size_t i = 0; i < soilOut.readings.size(); ++i) CHECK(fabs(soilOut.readings[i].value - percent.at(soilOut.readings[i].takenMs)) < 0.01);
  const std::vector<fake::Emitted> voltage = batteryOut.of(0);
  const std::vector<fake::Emitted> charge = batteryOut.of(1);
  CHECK_EQ(voltage.size(), 360u);
  CHECK_EQ(charge.size(), 360u);
  for (size_t i = 0; i < voltage.size() && i < charge.size(); ++i) {
    CHECK(fabs(voltage[i].value - volts.at(voltage[i].takenMs)) < 0.001);
    CHECK_EQ(charge[i].value, analog::liIonPercent(voltage[i].value));
  }
  CHECK_EQ(ntcOut.readings.size(), 360u);
  for (size_t i = 0; i < ntcOut.readings.size(); ++i) CHECK(fabs(ntcOut.readings[i].value - celsius.at(ntcOut.readings[i].takenMs)) < 0.01);
}

TEST_CASE("ntc: an open or shorted probe (a rail) is out of range, never a temperature") {
  double a, b, c;
  analog::betaCoefficients(10000, 25, 3950, &a, &b, &c);
  Ntc ntc(34, 10000, 3300, true, Ntc::Curve::SteinhartHart, a, b, c, 10000);
  double v[2];
  CHECK(!ntc.convert(3299, v));  // NTC open: the pin sits at the supply
  CHECK(!ntc.convert(5, v));     // shorted to GND
  CHECK(ntc.convert(1650, v));
  CHECK(fabs(v[0] - 25.0) < 1e-9);
  // The same thermistor given by its beta: the same reading.
  Ntc beta(34, 10000, 3300, true, Ntc::Curve::Beta, 3950, 10000, 25, 10000);
  CHECK(beta.convert(1100, v));
  double w[2];
  CHECK(ntc.convert(1100, w));
  CHECK(fabs(v[0] - w[0]) < 1e-9);
  SoilMoisture uncalibrated(32, 1500, 1500, 10000);
  CHECK(!uncalibrated.convert(1500, v));
}
