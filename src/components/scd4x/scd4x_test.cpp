// SCD40 / SCD41: the datasheet's read_measurement example, then the driver
// against the host model through a board reboot, bad CRCs, NACKs and an
// unplugged sensor.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/bus/sensirion.h"
#include "harbor/sensors/scd4x.h"
#include "scd4x_model.h"
#include "sensor_faults.h"

using harbor::I2cBus;
using harbor::ReadError;
using harbor::Scd4x;
using harbor::host::Faults;
using harbor::host::Scd4xModel;
using harbor::host::Wave;

namespace {

const Wave kCo2 = {800.0, 300.0, 1800000, 0};
const Wave kTemperature = {22.0, 3.0, 900000, 0};
const Wave kHumidity = {45.0, 10.0, 1200000, 0};

double expected(const fake::Emitted& e) {
  const Wave& w = e.channel == 0 ? kCo2 : e.channel == 1 ? kTemperature : kHumidity;
  return w.at(e.takenMs);
}
double resolution(uint8_t channel) { return channel == 0 ? 1.0 : 0.01; }

// Every reading holds the model's value at its slot, within the channel's resolution.
bool onWave(const fake::Emitted& e) { return fabs(e.value - expected(e)) <= resolution(e.channel); }

void checkValues(const fake::Capture& out) {
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK(onWave(out.readings[i]));
}

struct Rig {
  explicit Rig(const Faults& faults = Faults()) : model(kCo2, kTemperature, kHumidity, faults), bus(0, 21, 22, 400000) {
    fake::reset();
    harbor::host::detachAllModels();
    harbor::host::attachI2c(0, 0x62, &model);
  }
  Scd4xModel model;
  I2cBus bus;
};

}  // namespace

TEST_CASE("scd4x: the datasheet's read_measurement example is 500 ppm, 25 degC, 37 %RH") {
  // SCD4x datasheet, section 3.6, read_measurement: "0x01f4 0x33 0x6667 0xa2 0x5eb9 0x3c".
  uint8_t frame[9] = {0x01, 0xF4, 0x33, 0x66, 0x67, 0xA2, 0x5E, 0xB9, 0x3C};
  uint16_t words[3] = {0, 0, 0};
  CHECK(harbor::sensirion::decodeWords(frame, 3, words));
  CHECK_EQ(words[0], 500u);
  CHECK(fabs(harbor::scd4x::temperature(words[1]) - 25.0) < 0.01);
  CHECK(fabs(harbor::scd4x::humidity(words[2]) - 37.0) < 0.01);
  frame[4] ^= 0x01;  // one bit off: the CRC says so
  CHECK(!harbor::sensirion::decodeWords(frame, 3, words));
  CHECK(harbor::scd4x::dataReady(0x8006));
  CHECK(!harbor::scd4x::dataReady(0x8000));
}

TEST_CASE("scd4x: reads the model's CO2, temperature and humidity on every slot but the first, never waiting") {
  Rig rig;
  Scd4x sensor(rig.bus, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 3600000);
  CHECK(out.errors.empty());
  // The first slot comes before the first measurement (5 s after the start): it has none.
  CHECK_EQ(out.of(0).size(), 359u);
  CHECK_EQ(out.of(1).size(), 359u);
  CHECK_EQ(out.of(2).size(), 359u);
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    CHECK_EQ(e.takenMs % 10000, 0u);
    CHECK(e.takenMs >= 10000u);
  }
  checkValues(out);
}

TEST_CASE("scd4x: after a reboot of the board alone, the sensor still measuring is read on") {
  Rig rig;
  Scd4x first(rig.bus, 10000);
  fake::Capture before;
  fake::runComponent(first, before, 60000);
  CHECK_EQ(before.of(0).size(), 5u);
  // A new driver finds the sensor in periodic mode, where start_periodic_measurement is refused.
  Scd4x second(rig.bus, 10000);
  fake::Capture after;
  fake::runComponent(second, after, 120000);
  CHECK(after.errors.empty());
  CHECK_EQ(after.of(0).size(), 6u);
  checkValues(after);
}

TEST_CASE("scd4x: a sensor that stopped measuring (a brown-out) is started again") {
  Rig rig;
  Scd4x sensor(rig.bus, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 100000);
  CHECK_EQ(out.of(0).size(), 9u);
  const uint8_t stop[2] = {0x3F, 0x86};  // as if it had lost power: idle, no measurement ready
  CHECK(rig.bus.write(0x62, stop, 2) == harbor::platform::BusResult::Ok);
  // Three slots without a measurement are three timeouts; then it is set up and started again,
  // and that slot, which has no measurement yet, is a fourth.
  fake::state().nowMs += 600;  // stop_periodic_measurement's 500 ms
  fake::Capture later;
  const uint64_t from = fake::state().nowMs;
  uint64_t next = from;
  while (next < from + 200000) {
    if (next > fake::state().nowMs) fake::state().nowMs = next;
    next = sensor.run(fake::state().nowMs, later);
  }
  CHECK_EQ(later.errors.size(), 4u);
  for (size_t i = 0; i < later.errors.size(); ++i) CHECK(later.errors[i] == ReadError::Timeout);
  CHECK_EQ(later.of(0).size() + later.errors.size(), 21u);  // every slot from 100 s to 300 s
  checkValues(later);
}

TEST_CASE("scd4x: bad CRCs and NACKs cost single readings, never a wrong value") {
  Rig rig;
  Scd4x sensor(rig.bus, 10000);
  // The first slot comes before the first measurement (it may fail instead).
  fake::checkCrcAndNacks(sensor, rig.model.faults, 10000, 3, onWave, 1);
}

TEST_CASE("scd4x: unplugged for 5 minutes: every slot counted, said once, back when it answers") {
  Rig rig;
  Scd4x sensor(rig.bus, 10000);
  // The first slot has no measurement; the one it is set up again in is lost and counted.
  fake::checkUnplugged(sensor, rig.model.faults, 10000, 3, onWave, 1);
}

TEST_CASE("scd4x: nothing at 0x62 is absent, retried with backoff") {
  fake::reset();
  harbor::host::detachAllModels();
  I2cBus bus(0, 21, 22, 400000);
  Scd4x sensor(bus, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 600000);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 60u);
  CHECK_EQ(out.notes.size(), 1u);
}
