// PZEM-004T v3.0: the Modbus read request and an answer built by hand from the
// manual's register table, then the driver against the host model.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/pzem.h"
#include "pzem_model.h"
#include "sensor_faults.h"

using harbor::Pzem;
using harbor::UartPort;
using harbor::host::Faults;
using harbor::host::PzemModel;
using harbor::host::Wave;

namespace {

const Wave kWaves[6] = {{230.0, 3.0, 600000, 0},  {2.5, 1.5, 900000, 0},   {500.0, 300.0, 900000, 0},
                        {1500.0, 200.0, 3600000, 0}, {50.0, 0.2, 1200000, 0}, {0.9, 0.08, 1500000, 0}};
const double kResolution[6] = {0.1, 0.001, 0.1, 1, 0.1, 0.01};

bool onWave(const fake::Emitted& e) {
  return e.channel < 6 && fabs(e.value - kWaves[e.channel].at(e.takenMs)) <= kResolution[e.channel] * 1.0001;
}

struct Rig {
  explicit Rig(uint8_t address = 0xF8, uint8_t modelAddress = 0x01)
      : model(modelAddress, kWaves[0], kWaves[1], kWaves[2], kWaves[3], kWaves[4], kWaves[5], Faults()),
        port(1, 16, 17, 9600),
        sensor(port, address, 10000) {
    fake::reset();
    harbor::host::detachAllModels();
    harbor::host::attachUart(1, &model);
  }
  PzemModel model;
  UartPort port;
  Pzem sensor;
  fake::Capture out;
};

}  // namespace

TEST_CASE("pzem: the read request is Modbus function 04 for ten registers from 0x0000, CRC low byte first") {
  // CRC-16/MODBUS of the first six bytes (Modbus over Serial Line V1.02, 6.2.2),
  // worked independently: 0x0D70 for address 0x01, 0x6464 for 0xF8.
  uint8_t out[8];
  harbor::pzem::request(0x01, out);
  const uint8_t one[8] = {0x01, 0x04, 0x00, 0x00, 0x00, 0x0A, 0x70, 0x0D};
  for (size_t i = 0; i < 8; ++i) CHECK_EQ(out[i], one[i]);
  harbor::pzem::request(0xF8, out);
  const uint8_t general[8] = {0xF8, 0x04, 0x00, 0x00, 0x00, 0x0A, 0x64, 0x64};
  for (size_t i = 0; i < 8; ++i) CHECK_EQ(out[i], general[i]);
}

TEST_CASE("pzem: an answer converts by the manual's register LSBs (V3.0 manual, section 2.3)") {
  // Built by hand: 0x08FD = 2301 x 0.1 V; current 0x0001 86A0 = 100000 x 0.001 A
  // (the high word matters above 65.535 A); power 0x0001 5F90 = 90000 x 0.1 W;
  // energy 0x0001 0000 = 65536 Wh; 0x01F4 = 500 x 0.1 Hz; 0x0062 = 98 x 0.01; no
  // alarm; CRC 0xA163 worked independently.
  uint8_t answer[25] = {0xF8, 0x04, 0x14, 0x08, 0xFD, 0x86, 0xA0, 0x00, 0x01, 0x5F, 0x90, 0x00, 0x01,
                        0x00, 0x00, 0x00, 0x01, 0x01, 0xF4, 0x00, 0x62, 0x00, 0x00, 0x63, 0xA1};
  harbor::pzem::Reading r;
  CHECK(harbor::pzem::parse(answer, 0xF8, &r) == harbor::pzem::Frame::Ok);
  CHECK(fabs(r.volts - 230.1) < 1e-9);
  CHECK(fabs(r.amps - 100.0) < 1e-9);
  CHECK(fabs(r.watts - 9000.0) < 1e-9);
  CHECK(fabs(r.wattHours - 65536.0) < 1e-9);
  CHECK(fabs(r.hertz - 50.0) < 1e-9);
  CHECK(fabs(r.powerFactor - 0.98) < 1e-9);
  CHECK(!r.alarm);
  CHECK(harbor::pzem::parse(answer, 0x01, &r) == harbor::pzem::Frame::BadFraming);  // another device's
  answer[22] ^= 0x01;  // the last data byte
  CHECK(harbor::pzem::parse(answer, 0xF8, &r) == harbor::pzem::Frame::BadCrc);
}

TEST_CASE("pzem: reads all six channels of the model each slot, a byte a write") {
  Rig rig;
  fake::runComponent(rig.sensor, rig.out, 3600000);
  CHECK_EQ(rig.out.readings.size(), 360u * 6);
  CHECK(rig.out.errors.empty());
  for (size_t i = 0; i < rig.out.readings.size(); ++i) {
    CHECK_EQ(rig.out.readings[i].takenMs % 10000, 0u);
    CHECK(onWave(rig.out.readings[i]));
  }
}

TEST_CASE("pzem: a device at its own address answers only requests to it (or to 0xF8)") {
  Rig mine(0x01, 0x01);
  fake::runComponent(mine.sensor, mine.out, 60000);
  CHECK_EQ(mine.out.readings.size(), 36u);
  Rig other(0x02, 0x01);
  fake::runComponent(other.sensor, other.out, 60000);
  CHECK(other.out.readings.empty());
  CHECK_EQ(other.out.errors.size(), 6u);
}

TEST_CASE("pzem: corrupted answers are counted and skipped, never sent") {
  Rig rig;
  Faults faults;
  faults.corruptRate = 0.1;
  faults.seed = 13;
  rig.model.faults.set(faults);
  fake::runComponent(rig.sensor, rig.out, 3600000);
  CHECK(rig.out.errors.size() > 5u);
  CHECK_EQ(rig.out.readings.size() / 6 + rig.out.errors.size(), 360u);
  for (size_t i = 0; i < rig.out.readings.size(); ++i) CHECK(onWave(rig.out.readings[i]));
}

TEST_CASE("pzem: refused requests cost single slots") {
  Rig rig;
  fake::checkNacks(rig.sensor, rig.model.faults, 10000, 6, onWave);
}

TEST_CASE("pzem: unplugged for five minutes: counted once a slot, said once, back within two looks") {
  Rig rig;
  Faults faults;
  const harbor::host::Window gone = {300000, 600000};
  faults.unplugged.push_back(gone);
  rig.model.faults.set(faults);
  fake::runComponent(rig.sensor, rig.out, 1800000);
  fake::checkUnplugged(rig.out, gone, 10000, 1800000, 6);  // the second look: up to a minute more
  CHECK_EQ(rig.out.readings.size(), 6 * rig.out.of(0).size());
}
