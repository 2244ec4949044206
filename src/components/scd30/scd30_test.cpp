// SCD30: the interface description's read_measurement example, then the
// driver against the host model through bad CRCs, NACKs and an unplugged sensor.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/bus/sensirion.h"
#include "harbor/sensors/scd30.h"
#include "scd30_model.h"
#include "sensor_faults.h"

using harbor::I2cBus;
using harbor::ReadError;
using harbor::Scd30;
using harbor::host::Faults;
using harbor::host::Scd30Model;
using harbor::host::Wave;

namespace {

const Wave kCo2 = {1200.0, 400.0, 1800000, 0};
const Wave kTemperature = {24.0, 2.0, 900000, 0};
const Wave kHumidity = {50.0, 8.0, 1200000, 0};

bool onWave(const fake::Emitted& e) {
  const Wave& w = e.channel == 0 ? kCo2 : e.channel == 1 ? kTemperature : kHumidity;
  return fabs(e.value - w.at(e.takenMs)) <= (e.channel == 0 ? 1.0 : 0.01);
}

void checkValues(const fake::Capture& out) {
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK(onWave(out.readings[i]));
}

struct Rig {
  explicit Rig(const Faults& faults = Faults()) : model(kCo2, kTemperature, kHumidity, faults), bus(0, 21, 22, 100000) {
    fake::reset();
    harbor::host::detachAllModels();
    harbor::host::attachI2c(0, 0x61, &model);
  }
  Scd30Model model;
  I2cBus bus;
};

}  // namespace

TEST_CASE("scd30: the interface description's read_measurement example is 439 ppm, 27.2 degC, 48.8 %RH") {
  // Interface Description Sensirion SCD30 (May 2020), section 1.4.5, the example answer.
  uint8_t frame[18] = {0x43, 0xDB, 0xCB, 0x8C, 0x2E, 0x8F, 0x41, 0xD9, 0x70,
                       0xE7, 0xFF, 0xF5, 0x42, 0x43, 0xBF, 0x3A, 0x1B, 0x74};
  uint16_t words[6];
  CHECK(harbor::sensirion::decodeWords(frame, 6, words));
  const harbor::scd30::Measurement m = harbor::scd30::fromWords(words);
  CHECK(fabs(m.co2 - 439.0) < 0.5);
  CHECK(fabs(m.temperature - 27.2) < 0.05);
  CHECK(fabs(m.humidity - 48.8) < 0.05);
  frame[16] ^= 0x80;
  CHECK(!harbor::sensirion::decodeWords(frame, 6, words));
}

TEST_CASE("scd30: reads the model's CO2, temperature and humidity on every slot but the first") {
  Rig rig;
  Scd30 sensor(rig.bus, 4000);
  fake::Capture out;
  fake::runComponent(sensor, out, 600000);
  CHECK(out.errors.empty());
  CHECK_EQ(out.of(0).size(), 149u);  // the first slot comes before the first measurement, 2 s after the start
  CHECK_EQ(out.of(2).size(), 149u);
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK_EQ(out.readings[i].takenMs % 4000, 0u);
  checkValues(out);
}

TEST_CASE("scd30: bad CRCs and NACKs cost single readings, never a wrong value") {
  Rig rig;
  Scd30 sensor(rig.bus, 4000);
  // The first slot comes before the first measurement (it may fail instead).
  fake::checkCrcAndNacks(sensor, rig.model.faults, 4000, 3, onWave, 1);
}

TEST_CASE("scd30: unplugged for 5 minutes: every slot counted, said once, back when it answers") {
  Rig rig;
  Scd30 sensor(rig.bus, 10000);
  // The first slot has no measurement; the one it is set up again in is lost and counted.
  fake::checkUnplugged(sensor, rig.model.faults, 10000, 3, onWave, 1);
}
