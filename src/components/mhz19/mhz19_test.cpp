// MH-Z19B / MH-Z19C: the manual's command, answer and checksum examples,
// then the driver against the host model through faults.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/mhz19.h"
#include "mhz19_model.h"
#include "sensor_faults.h"

using harbor::Mhz19;
using harbor::UartPort;
using harbor::host::Faults;
using harbor::host::Mhz19Model;
using harbor::host::Wave;

namespace {

const Wave kCo2 = {650.0, 150.0, 1800000, 0};

bool onWave(const fake::Emitted& e) { return e.channel == 0 && fabs(e.value - kCo2.at(e.takenMs)) <= 1.0; }

struct Rig {
  explicit Rig(bool selfCalibration = true) : model(kCo2, Faults()), port(1, 16, 17, 9600), sensor(port, selfCalibration, 10000) {
    fake::reset();
    harbor::host::detachAllModels();
    harbor::host::attachUart(1, &model);
  }
  Mhz19Model model;
  UartPort port;
  Mhz19 sensor;
  fake::Capture out;
};

// Answers every read with the same frame, as a broken or foreign device might.
struct FixedAnswer : harbor::host::UartModel {
  explicit FixedAnswer(uint16_t ppm) : line(9600), ppm(ppm) {}
  void receive(const uint8_t* data, size_t length, uint64_t nowMs) override {
    if (length > 0 && data[length - 1] == 0x79) {  // the end of "read CO2"
      uint8_t f[9] = {0xFF, 0x86, static_cast<uint8_t>(ppm >> 8), static_cast<uint8_t>(ppm), 0, 0, 0, 0, 0};
      f[8] = harbor::mhz19::checksum(f);
      line.send(f, sizeof f, nowMs + 2);
    }
  }
  size_t transmit(uint8_t* data, size_t capacity, uint64_t nowMs) override { return line.read(data, capacity, nowMs); }
  harbor::host::UartLine line;
  uint16_t ppm;
};

}  // namespace

TEST_CASE("mhz19: the manual's read command and its checksum example (MH-Z19B manual V1.0)") {
  // "Checksum calculation": 0x01 + 0x86 + 0 ... = 0x87; 0xFF - 0x87 = 0x78; + 1 = 0x79.
  uint8_t read[9];
  harbor::mhz19::command(harbor::mhz19::kReadCo2, 0, read);
  const uint8_t expected[9] = {0xFF, 0x01, 0x86, 0x00, 0x00, 0x00, 0x00, 0x00, 0x79};
  for (size_t i = 0; i < 9; ++i) CHECK_EQ(read[i], expected[i]);
  // "0x79 - On/Off self-calibration": ON is FF 01 79 A0 00 00 00 00 E6.
  uint8_t on[9];
  harbor::mhz19::command(harbor::mhz19::kSelfCalibration, 0xA0, on);
  CHECK_EQ(on[8], 0xE6);
}

TEST_CASE("mhz19: the manual's answer FF 86 02 20 00 00 00 00 58 is 544 ppm") {
  uint8_t answer[9] = {0xFF, 0x86, 0x02, 0x20, 0x00, 0x00, 0x00, 0x00, 0x58};
  uint16_t ppm = 0;
  CHECK(harbor::mhz19::parse(answer, &ppm) == harbor::mhz19::Frame::Ok);
  CHECK_EQ(ppm, 544);
  answer[7] = 0x01;  // the last byte the checksum covers
  CHECK(harbor::mhz19::parse(answer, &ppm) == harbor::mhz19::Frame::BadChecksum);
  answer[1] = 0x87;  // the answer to another command
  CHECK(harbor::mhz19::parse(answer, &ppm) == harbor::mhz19::Frame::BadFraming);
}

TEST_CASE("mhz19: asks each slot, a byte a write, and reads the model's CO2") {
  Rig rig;
  fake::runComponent(rig.sensor, rig.out, 3600000);
  CHECK_EQ(rig.out.of(0).size(), 360u);
  CHECK(rig.out.errors.empty());
  CHECK_EQ(rig.model.reads(), 360u);
  for (size_t i = 0; i < rig.out.readings.size(); ++i) {
    CHECK_EQ(rig.out.readings[i].takenMs % 10000, 0u);
    CHECK(onWave(rig.out.readings[i]));
  }
}

TEST_CASE("mhz19: self-calibration is switched as the option says") {
  Rig off(false);
  fake::runComponent(off.sensor, off.out, 60000);
  CHECK(!off.model.selfCalibration());
  Rig on(true);
  fake::runComponent(on.sensor, on.out, 60000);
  CHECK(on.model.selfCalibration());
}

TEST_CASE("mhz19: corrupted answers are counted and skipped, never sent") {
  Rig rig;
  Faults faults;
  faults.corruptRate = 0.1;
  faults.seed = 11;
  rig.model.faults.set(faults);
  fake::runComponent(rig.sensor, rig.out, 3600000);
  CHECK(rig.out.errors.size() > 5u);
  CHECK_EQ(rig.out.of(0).size() + rig.out.errors.size(), 360u);
  for (size_t i = 0; i < rig.out.readings.size(); ++i) CHECK(onWave(rig.out.readings[i]));
}

TEST_CASE("mhz19: refused commands cost single slots") {
  Rig rig;
  fake::checkNacks(rig.sensor, rig.model.faults, 10000, 1, onWave);
}

TEST_CASE("mhz19: unplugged for five minutes: counted once a slot, said once, back within two looks") {
  // A polled device is asked at one look and its answer found at the next, so
  // it is back within two minutes rather than one (UartSensor::setup).
  Rig rig;
  Faults faults;
  const harbor::host::Window gone = {300000, 600000};
  faults.unplugged.push_back(gone);
  rig.model.faults.set(faults);
  fake::runComponent(rig.sensor, rig.out, 1800000);
  fake::checkUnplugged(rig.out, gone, 10000, 1800000, 6);  // the second look: up to a minute more
  for (size_t i = 0; i < rig.out.readings.size(); ++i) CHECK(onWave(rig.out.readings[i]));
}

TEST_CASE("mhz19: a concentration beyond the widest detection range (10000 ppm) is refused") {
  fake::reset();
  harbor::host::detachAllModels();
  FixedAnswer device(10001);
  harbor::host::attachUart(1, &device);
  UartPort port(1, 16, 17, 9600);
  Mhz19 sensor(port, true, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 60000);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 6u);
  for (size_t i = 0; i < out.errors.size(); ++i) CHECK(out.errors[i] == harbor::ReadError::OutOfRange);
  device.ppm = 10000;
  fake::Capture in;
  Mhz19 again(port, true, 10000);
  fake::runComponent(again, in, 120000);
  CHECK_EQ(in.readings.size(), 6u);
}
