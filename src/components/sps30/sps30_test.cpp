// SPS30: the datasheet's start measurement frame as the driver writes it and
// IEEE 754 floats read back, then the driver against the host model through a
// board reboot, bad CRCs, NACKs and an unplugged sensor.
#include <math.h>
#include <string.h>

#include <vector>

#include "check.h"
#include "component_rig.h"
#include "harbor/bus/sensirion.h"
#include "harbor/sensors/sps30.h"
#include "sensor_faults.h"
#include "sps30_model.h"

using harbor::I2cBus;
using harbor::ReadError;
using harbor::Sps30;
using harbor::host::Faults;
using harbor::host::Sps30Model;
using harbor::host::Wave;

namespace {

const Wave kMass[4] = {{8.0, 3.0, 600000, 0}, {14.0, 5.0, 900000, 0}, {18.0, 6.0, 1200000, 0}, {22.0, 7.0, 1500000, 0}};

bool onWave(const fake::Emitted& e) {
  return e.channel < 4 && fabs(e.value - kMass[e.channel].at(e.takenMs)) <= 0.01;
}

void checkValues(const fake::Capture& out) {
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK(onWave(out.readings[i]));
}

struct Rig {
  explicit Rig(const Faults& faults = Faults()) : model(kMass[0], kMass[1], kMass[2], kMass[3], faults), bus(0, 21, 22, 100000) {
    fake::reset();
    harbor::host::detachAllModels();
    harbor::host::attachI2c(0, 0x69, &model);
  }
  Sps30Model model;
  I2cBus bus;
};

// Keeps what the driver writes, answers words of 0 (00 00 81).
struct Spy : harbor::host::I2cModel {
  harbor::platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength, uint64_t) override {
    if (txLength > 0) written.push_back(std::vector<uint8_t>(tx, tx + txLength));
    for (size_t i = 0; i < rxLength; ++i) rx[i] = i % 3 == 2 ? 0x81 : 0x00;
    return harbor::platform::BusResult::Ok;
  }
  std::vector<std::vector<uint8_t> > written;
};

}  // namespace

TEST_CASE("sps30: start measurement in the float format is the datasheet's 00 10 03 00 AC") {
  fake::reset();
  harbor::host::detachAllModels();
  Spy spy;
  harbor::host::attachI2c(0, 0x69, &spy);
  I2cBus bus(0, 21, 22, 100000);
  Sps30 sensor(bus, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 100);
  const uint8_t start[5] = {0x00, 0x10, 0x03, 0x00, 0xAC};
  CHECK(!spy.written.empty());
  if (!spy.written.empty()) {
    CHECK_EQ(spy.written[0].size(), 5u);
    CHECK(spy.written[0].size() == 5u && memcmp(&spy.written[0][0], start, 5) == 0);
  }
}

TEST_CASE("sps30: mass concentrations are big-endian IEEE 754 binary32 over two words") {
  // IEEE 754-2008 binary32: 0x3F800000 = 1.0, 0x41C80000 = 25.0, 0x42C80000 = 100.0, 0x3DCCCCCD = 0.1.
  const uint16_t words[8] = {0x3F80, 0x0000, 0x41C8, 0x0000, 0x42C8, 0x0000, 0x3DCC, 0xCCCD};
  const harbor::sps30::Mass m = harbor::sps30::massFromWords(words);
  CHECK(m.pm1 == 1.0f);
  CHECK(m.pm2_5 == 25.0f);
  CHECK(m.pm4 == 100.0f);
  CHECK(fabs(m.pm10 - 0.1) < 1e-7);
}

TEST_CASE("sps30: reads the model's PM1, PM2.5, PM4 and PM10 on every slot but the first") {
  Rig rig;
  Sps30 sensor(rig.bus, 5000);
  fake::Capture out;
  fake::runComponent(sensor, out, 600000);
  CHECK(out.errors.empty());
  CHECK_EQ(out.of(0).size(), 119u);
  CHECK_EQ(out.of(3).size(), 119u);
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK_EQ(out.readings[i].takenMs % 5000, 0u);
  checkValues(out);
  // A board rebooted alone finds it measuring, where start measurement is refused.
  Sps30 again(rig.bus, 5000);
  fake::Capture after;
  fake::runComponent(again, after, 700000);
  CHECK(after.errors.empty());
  CHECK_EQ(after.of(0).size(), 20u);
  checkValues(after);
}

TEST_CASE("sps30: bad CRCs and NACKs cost single readings, never a wrong value") {
  Rig rig;
  Sps30 sensor(rig.bus, 5000);
  // The first slot comes before the first measurement (it may fail instead).
  fake::checkCrcAndNacks(sensor, rig.model.faults, 5000, 4, onWave, 1);
}

TEST_CASE("sps30: unplugged for 5 minutes: every slot counted, said once, back when it answers") {
  Rig rig;
  Sps30 sensor(rig.bus, 10000);
  // The first slot has no measurement; set up again, it is found still measuring.
  fake::checkUnplugged(sensor, rig.model.faults, 10000, 4, onWave, 1);
}
