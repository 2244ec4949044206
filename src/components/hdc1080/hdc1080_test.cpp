// HDC1080: the datasheet's conversion formulas, then the driver against the
// host model through NACKs, an unplugged sensor and another chip at 0x40.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/hdc1080.h"
#include "hdc1080_model.h"
#include "sensor_faults.h"

using harbor::Hdc1080;
using harbor::I2cBus;
using harbor::ReadError;
using harbor::host::Faults;
using harbor::host::Hdc1080Model;
using harbor::host::Wave;

namespace {

const Wave kTemperature = {21.0, 6.0, 600000, 0};
const Wave kHumidity = {50.0, 20.0, 900000, 0};

void run(Hdc1080Model& model, uint64_t untilMs, fake::Capture& out) {
  fake::reset();
  harbor::host::detachAllModels();
  harbor::host::attachI2c(0, 0x40, &model);
  I2cBus bus(0, 21, 22, 400000);
  Hdc1080 sensor(bus, 10000);
  fake::runComponent(sensor, out, untilMs);
}

void checkValues(const fake::Capture& out) {
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    CHECK(fabs(e.value - (e.channel == 0 ? kTemperature : kHumidity).at(e.takenMs)) <= 0.01);
  }
}

}  // namespace

TEST_CASE("hdc1080: conversion, datasheet sections 8.6.1 and 8.6.2: T = raw / 2^16 * 165 - 40, RH = raw / 2^16 * 100") {
  CHECK_EQ(harbor::hdc1080::celsius(0), -40.0);
  CHECK_EQ(harbor::hdc1080::celsius(0x8000), 42.5);
  CHECK_EQ(harbor::hdc1080::celsius(0x4000), 1.25);
  CHECK_EQ(harbor::hdc1080::humidity(0x8000), 50.0);
  CHECK_EQ(harbor::hdc1080::humidity(0xC000), 75.0);
  CHECK(fabs(harbor::hdc1080::celsius(0xFFFC) - 124.98993) < 1e-5);  // the largest 14-bit code
}

TEST_CASE("hdc1080: configured for both at 14 bits, reads the model's values on every slot") {
  Hdc1080Model model(kTemperature, kHumidity, Faults());
  fake::Capture out;
  run(model, 3600000, out);
  CHECK_EQ(model.configuration(), 0x1000u);
  CHECK_EQ(out.of(0).size(), 360u);
  CHECK_EQ(out.of(1).size(), 360u);
  CHECK(out.errors.empty());
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
  checkValues(out);
}

TEST_CASE("hdc1080: NACKs cost single readings; unplugged for 10 minutes: counted, said once, back after") {
  Faults faults;
  faults.nackRate = 0.03;
  faults.seed = 2;
  harbor::host::Window gone = {600000, 1200000};
  faults.unplugged.push_back(gone);
  Hdc1080Model model(kTemperature, kHumidity, faults);
  fake::Capture out;
  run(model, 1800000, out);
  fake::checkUnplugged(out, gone, 10000, 1800000, 14);
  checkValues(out);
}

TEST_CASE("hdc1080: another chip at 0x40 (an HTU21D answering with other ids) is not read as an HDC1080") {
  struct OtherChip : harbor::host::I2cModel {
    harbor::platform::BusResult transfer(const uint8_t*, size_t, uint8_t* rx, size_t rxLength, uint64_t) override {
      for (size_t i = 0; i < rxLength; ++i) rx[i] = 0x02;
      return harbor::platform::BusResult::Ok;
    }
  } other;
  fake::reset();
  harbor::host::detachAllModels();
  harbor::host::attachI2c(0, 0x40, &other);
  I2cBus bus(0, 21, 22, 400000);
  Hdc1080 sensor(bus, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 60000);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 6u);
}
