// TMP117: the datasheet's temperature format, then the driver against the
// host model through a slow conversion, NACKs and an unplugged sensor.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/tmp117.h"
#include "sensor_faults.h"
#include "tmp117_model.h"

using harbor::I2cBus;
using harbor::ReadError;
using harbor::Tmp117;
using harbor::host::Faults;
using harbor::host::Tmp117Model;
using harbor::host::Wave;

namespace {

const Wave kTemperature = {1.0, 3.0, 600000, 0};  // crosses 0 degC

void run(Tmp117Model& model, uint64_t untilMs, fake::Capture& out) {
  fake::reset();
  harbor::host::detachAllModels();
  harbor::host::attachI2c(0, 0x48, &model);
  I2cBus bus(0, 21, 22, 400000);
  Tmp117 sensor(bus, 0x48, 10000);
  fake::runComponent(sensor, out, untilMs);
}

void checkValues(const fake::Capture& out) {
  for (size_t i = 0; i < out.readings.size(); ++i) {
    CHECK(fabs(out.readings[i].value - kTemperature.at(out.readings[i].takenMs)) <= 0.0078125);
  }
}

}  // namespace

TEST_CASE("tmp117: temperature format, datasheet table 7-1: 0x0C80 +25, 0x0001 +0.0078125, 0xFFF0 -0.125, 0xF380 -25, 0x3200 +100 degC") {
  CHECK_EQ(harbor::tmp117::celsius(0x0C80), 25.0);
  CHECK_EQ(harbor::tmp117::celsius(0x0001), 0.0078125);
  CHECK_EQ(harbor::tmp117::celsius(0xFFFF), -0.0078125);
  CHECK_EQ(harbor::tmp117::celsius(0xFFF0), -0.125);
  CHECK_EQ(harbor::tmp117::celsius(0xF380), -25.0);
  CHECK_EQ(harbor::tmp117::celsius(0x3200), 100.0);
  CHECK_EQ(harbor::tmp117::celsius(0x8000), -256.0);
}

TEST_CASE("tmp117: one-shot readings of the model's temperature on every slot, across 0 degC") {
  Tmp117Model model(kTemperature, Faults());
  fake::Capture out;
  run(model, 3600000, out);
  CHECK_EQ(out.of(0).size(), 360u);
  CHECK(out.errors.empty());
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
  checkValues(out);
}

TEST_CASE("tmp117: a conversion slower than the datasheet's is waited for by Data_Ready, never read stale") {
  Tmp117Model model(kTemperature, Faults());
  model.oneShotMs = 140;
  fake::Capture out;
  run(model, 600000, out);
  CHECK_EQ(out.of(0).size(), 60u);
  CHECK(out.errors.empty());
  checkValues(out);
}

TEST_CASE("tmp117: NACKs cost single readings; unplugged for 10 minutes: counted, said once, back after") {
  Faults faults;
  faults.nackRate = 0.03;
  faults.seed = 4;
  harbor::host::Window gone = {600000, 1200000};
  faults.unplugged.push_back(gone);
  Tmp117Model model(kTemperature, faults);
  fake::Capture out;
  run(model, 1800000, out);
  fake::checkUnplugged(out, gone, 10000, 1800000, 14);
  checkValues(out);
}
