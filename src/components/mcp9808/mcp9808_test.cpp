// MCP9808: the datasheet's ambient temperature format, then the driver against
// the host model through NACKs and an unplugged sensor.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/mcp9808.h"
#include "mcp9808_model.h"
#include "sensor_faults.h"

using harbor::I2cBus;
using harbor::Mcp9808;
using harbor::ReadError;
using harbor::host::Faults;
using harbor::host::Mcp9808Model;
using harbor::host::Wave;

namespace {

// Crosses 0 degC, where the sign bit matters.
const Wave kTemperature = {2.0, 4.0, 600000, 0};

void run(Mcp9808Model& model, uint64_t untilMs, fake::Capture& out) {
  fake::reset();
  harbor::host::detachAllModels();
  harbor::host::attachI2c(0, 0x18, &model);
  I2cBus bus(0, 21, 22, 400000);
  Mcp9808 sensor(bus, 0x18, 10000);
  fake::runComponent(sensor, out, untilMs);
}

void checkValues(const fake::Capture& out) {
  // Half a 0.0625 degC step, plus what the wave moves in the 375 ms the latest conversion may be old.
  for (size_t i = 0; i < out.readings.size(); ++i) {
    CHECK(fabs(out.readings[i].value - kTemperature.at(out.readings[i].takenMs)) <= 0.0625);
  }
}

}  // namespace

TEST_CASE("mcp9808: ambient register, datasheet section 5.1.3: 0x0190 is +25 degC, 0x1E70 -25, 0x1FFC -0.25, flags ignored") {
  CHECK_EQ(harbor::mcp9808::celsius(0x0190), 25.0);
  CHECK_EQ(harbor::mcp9808::celsius(0xE190), 25.0);  // TCRIT, TUPPER, TLOWER flags set
  CHECK_EQ(harbor::mcp9808::celsius(0x1E70), -25.0);
  CHECK_EQ(harbor::mcp9808::celsius(0x1FFC), -0.25);
  CHECK_EQ(harbor::mcp9808::celsius(0x0001), 0.0625);
  CHECK_EQ(harbor::mcp9808::celsius(0x07D0), 125.0);
}

TEST_CASE("mcp9808: reads the model's temperature on every slot, across 0 degC") {
  Mcp9808Model model(kTemperature, Faults());
  fake::Capture out;
  run(model, 3600000, out);
  CHECK_EQ(out.of(0).size(), 360u);
  CHECK(out.errors.empty());
  size_t below = 0;
  for (size_t i = 0; i < out.readings.size(); ++i) {
    CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
    below += out.readings[i].value < 0;
  }
  CHECK(below > 50u);
  checkValues(out);
}

TEST_CASE("mcp9808: NACKs cost single readings; unplugged for 10 minutes: counted, said once, back after") {
  Faults faults;
  faults.nackRate = 0.03;
  faults.seed = 9;
  harbor::host::Window gone = {600000, 1200000};
  faults.unplugged.push_back(gone);
  Mcp9808Model model(kTemperature, faults);
  fake::Capture out;
  run(model, 1800000, out);
  fake::checkUnplugged(out, gone, 10000, 1800000, 14);
  checkValues(out);
}

TEST_CASE("mcp9808: another chip at its address (other ids) is not taken for it") {
  // A chip that ACKs everything and reads zeros, as many do.
  struct OtherChip : harbor::host::I2cModel {
    harbor::platform::BusResult transfer(const uint8_t*, size_t, uint8_t* rx, size_t rxLength, uint64_t) override {
      for (size_t i = 0; i < rxLength; ++i) rx[i] = 0;
      return harbor::platform::BusResult::Ok;
    }
  } other;
  fake::reset();
  harbor::host::detachAllModels();
  harbor::host::attachI2c(0, 0x18, &other);
  I2cBus bus(0, 21, 22, 400000);
  Mcp9808 sensor(bus, 0x18, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 60000);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 6u);
  for (size_t i = 0; i < out.errors.size(); ++i) CHECK(out.errors[i] == ReadError::Absent);
}
