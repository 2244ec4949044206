// HTU21D / Si7021: the datasheet's conversion with its own examples, then the
// driver against the host model through NACKs, flipped bits and an unplugged sensor.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/htu21d.h"
#include "htu21d_model.h"
#include "sensor_faults.h"

using harbor::Htu21d;
using harbor::I2cBus;
using harbor::ReadError;
using harbor::host::Faults;
using harbor::host::Htu21dModel;
using harbor::host::Wave;

namespace {

const Wave kTemperature = {20.0, 10.0, 600000, 0};
const Wave kHumidity = {60.0, 20.0, 900000, 0};

void checkValues(const fake::Capture& out) {
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    // Temperature: 14 bits (0.011 degC a step), measured a few ms after the slot; humidity: 12 bits (0.03 %RH).
    if (e.channel == 0) CHECK(fabs(e.value - kTemperature.at(e.takenMs)) <= 0.01);
    else CHECK(fabs(e.value - kHumidity.at(e.takenMs)) <= 0.04);
  }
}

void run(bool si7021, const Faults& faults, uint64_t untilMs, fake::Capture& out) {
  fake::reset();
  harbor::host::detachAllModels();
  Htu21dModel model(si7021, kTemperature, kHumidity, faults);
  harbor::host::attachI2c(0, 0x40, &model);
  I2cBus bus(0, 21, 22, 400000);
  Htu21d sensor(bus, si7021 ? Htu21d::Variant::Si7021 : Htu21d::Variant::Htu21d, 10000);
  fake::runComponent(sensor, out, untilMs);
}

}  // namespace

TEST_CASE("htu21d: the datasheet's examples: 0x683A is 24.7 degC, 0x4E85 is 32.3 %RH (status bits cleared)") {
  CHECK(fabs(harbor::htu21d::celsius(0x683A) - 24.7) < 0.05);
  CHECK(fabs(harbor::htu21d::humidity(0x4E85) - 32.3) < 0.05);
  // The two status bits are not part of the value.
  CHECK_EQ(harbor::htu21d::celsius(0x683A), harbor::htu21d::celsius(0x6838));
  // The formulas' ends (HTU21D "Conversion of signal outputs"): 0 is -46.85 degC and -6 %RH.
  CHECK_EQ(harbor::htu21d::celsius(0), -46.85);
  CHECK_EQ(harbor::htu21d::humidity(0), -6.0);
}

TEST_CASE("htu21d: HTU21D and Si7021 read the model's humidity, then temperature, on every slot") {
  for (int si = 0; si < 2; ++si) {
    fake::Capture out;
    run(si != 0, Faults(), 3600000, out);
    CHECK_EQ(out.of(0).size(), 360u);
    CHECK_EQ(out.of(1).size(), 360u);
    CHECK(out.errors.empty());
    for (size_t i = 0; i < out.readings.size(); ++i) CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
    checkValues(out);
  }
}

TEST_CASE("htu21d: flipped bits are caught by the CRC and NACKs cost single readings, never a wrong value") {
  for (int si = 0; si < 2; ++si) {
    Faults faults;
    faults.corruptRate = 0.1;
    faults.nackRate = 0.02;
    faults.seed = 3;
    fake::Capture out;
    run(si != 0, faults, 3600000, out);
    size_t crc = 0;
    for (size_t i = 0; i < out.errors.size(); ++i) crc += out.errors[i] == ReadError::Crc;
    CHECK(crc > 10u);
    CHECK(out.errors.size() > crc);
    CHECK_EQ(out.of(0).size() + out.errors.size(), 360u);
    checkValues(out);
  }
}

TEST_CASE("htu21d: unplugged for 10 minutes: slots counted, said once, read again when it answers") {
  Faults faults;
  harbor::host::Window gone = {600000, 1200000};
  faults.unplugged.push_back(gone);
  fake::Capture out;
  run(false, faults, 1800000, out);
  fake::checkUnplugged(out, gone, 10000, 1800000);
  checkValues(out);
}
