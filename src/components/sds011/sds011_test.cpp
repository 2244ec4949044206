// SDS011: a real data frame and the datasheet's formula, the protocol's
// checksum rule on its commands, then the driver against the host model.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/sds011.h"
#include "sds011_model.h"
#include "sensor_faults.h"

using harbor::ReadError;
using harbor::Sds011;
using harbor::UartPort;
using harbor::host::Faults;
using harbor::host::Sds011Model;
using harbor::host::Wave;

namespace {

const Wave kPm2_5 = {12.0, 4.0, 2400000, 0};
const Wave kPm10 = {30.0, 8.0, 3000000, 0};

// Within 0.1 ug/m3 (the resolution) of the model's wave at the slot.
bool onWave(const fake::Emitted& e) {
  const Wave& w = e.channel == 0 ? kPm2_5 : kPm10;
  return fabs(e.value - w.at(e.takenMs)) <= 0.1;
}

struct Rig {
  explicit Rig(const Faults& faults = Faults()) : model(kPm2_5, kPm10, faults), port(1, 16, 17, 9600), sensor(port, 10000) {
    fake::reset();
    harbor::host::detachAllModels();
    harbor::host::attachUart(1, &model);
  }
  Sds011Model model;
  UartPort port;
  Sds011 sensor;
  fake::Capture out;
};

}  // namespace

TEST_CASE("sds011: a real data frame decodes by the datasheet's formula") {
  // Read from an SDS011 with od and posted on community.particle.io ("Dust
  // Sensor - PMS 5003/6003/7003", page 4): AA C0 8C 00 94 00 BC F9 D5 AB. The
  // datasheet's data frame table: PM2.5 = (high x 256 + low) / 10, PM10 the
  // same, checksum = data 1 + ... + data 6 (0x8C+0x94+0xBC+0xF9 = 0x2D5 -> D5).
  uint8_t frame[10] = {0xAA, 0xC0, 0x8C, 0x00, 0x94, 0x00, 0xBC, 0xF9, 0xD5, 0xAB};
  uint16_t pm2_5 = 0;
  uint16_t pm10 = 0;
  CHECK(harbor::sds011::parse(frame, &pm2_5, &pm10) == harbor::sds011::Frame::Ok);
  CHECK_EQ(pm2_5, 140);  // 14.0 ug/m3
  CHECK_EQ(pm10, 148);   // 14.8 ug/m3
  frame[7] ^= 0x01;      // the last byte the checksum covers
  CHECK(harbor::sds011::parse(frame, &pm2_5, &pm10) == harbor::sds011::Frame::BadChecksum);
  frame[7] ^= 0x01;
  frame[9] = 0x00;  // no tail
  CHECK(harbor::sds011::parse(frame, &pm2_5, &pm10) == harbor::sds011::Frame::BadFraming);
}

TEST_CASE("sds011: commands follow the protocol's packet (Control Protocol V1.3, section 1)") {
  // "Head + Command ID + Data (15 bytes) + checksum + Tail; checksum: low 8 bits
  // of the sum of the data bytes". Set active reporting to every sensor (FF FF):
  // 02 + 01 + 00 + FF + FF = 0x201 -> 0x01.
  const uint8_t active[13] = {2, 1, 0};
  uint8_t out[19];
  harbor::sds011::command(active, out);
  const uint8_t expected[19] = {0xAA, 0xB4, 0x02, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0x01, 0xAB};
  for (size_t i = 0; i < sizeof expected; ++i) CHECK_EQ(out[i], expected[i]);
}

TEST_CASE("sds011: reads the model's values on every slot, and sets active reporting a byte a write") {
  Rig rig;
  fake::runComponent(rig.sensor, rig.out, 3600000);
  CHECK_EQ(rig.out.of(0).size(), 360u);
  CHECK_EQ(rig.out.of(1).size(), 360u);
  CHECK(rig.out.errors.empty());
  CHECK_EQ(rig.model.commands(), 1u);
  for (size_t i = 0; i < rig.out.readings.size(); ++i) {
    CHECK_EQ(rig.out.readings[i].takenMs % 10000, 0u);
    CHECK(onWave(rig.out.readings[i]));
  }
}

TEST_CASE("sds011: a sensor left in query mode is put back to active reporting") {
  Rig rig;
  const uint8_t query[13] = {2, 1, 1};
  uint8_t command[19];
  harbor::sds011::command(query, command);
  rig.model.receive(command, sizeof command, 0);
  CHECK(rig.model.queryMode());
  fake::runComponent(rig.sensor, rig.out, 600000);
  CHECK(!rig.model.queryMode());
  CHECK_EQ(rig.out.of(0).size(), 60u);
}

TEST_CASE("sds011: corrupted frames are counted and skipped, never sent") {
  Faults faults;
  faults.corruptRate = 0.1;
  faults.seed = 5;
  Rig rig(faults);
  fake::runComponent(rig.sensor, rig.out, 3600000);
  CHECK(rig.out.errors.size() > 5u);
  CHECK_EQ(rig.out.of(0).size() + rig.out.errors.size(), 360u);
  for (size_t i = 0; i < rig.out.readings.size(); ++i) CHECK(onWave(rig.out.readings[i]));
}

TEST_CASE("sds011: unplugged for five minutes: counted once a slot, said once, back within a minute") {
  Rig rig;
  fake::checkUnplugged(rig.sensor, rig.model.faults, 10000, 2, onWave);
}
