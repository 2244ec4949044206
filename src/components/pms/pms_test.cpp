// PMS5003 / PMS7003: the manual's commands and real frames for the check code
// and layout, then the driver against the host model through faults.
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/pms.h"
#include "pms_model.h"
#include "sensor_faults.h"

using harbor::Pms;
using harbor::ReadError;
using harbor::UartPort;
using harbor::host::Faults;
using harbor::host::PmsModel;
using harbor::host::Wave;

namespace {

void fromHex(const char* hex, uint8_t* out, size_t length) {
  for (size_t i = 0; i < length; ++i) {
    unsigned v = 0;
    sscanf(hex + 2 * i, "%2x", &v);
    out[i] = static_cast<uint8_t>(v);
  }
}

const Wave kPm1 = {8.0, 3.0, 1800000, 0};
const Wave kPm2_5 = {15.0, 3.0, 2400000, 0};
const Wave kPm10 = {25.0, 5.0, 3000000, 0};

// Every reading on its slot and within 1 ug/m3 (the resolution) of the model's wave there.
void checkReadings(const fake::Capture& out, uint32_t intervalMs) {
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    CHECK_EQ(e.takenMs % intervalMs, 0u);
    const Wave& w = e.channel == 0 ? kPm1 : e.channel == 1 ? kPm2_5 : kPm10;
    CHECK(fabs(e.value - w.at(e.takenMs)) <= 1.0);
  }
}

// A sensor on UART 1 against the model, from a fresh fake clock until `untilMs`.
struct Rig {
  Rig(Pms::Mode mode, uint32_t intervalMs, const Faults& faults = Faults(), const Wave& pm2_5 = kPm2_5,
      const Wave& pm10 = kPm10)
      : model(kPm1, pm2_5, pm10, faults), port(1, 16, 17, 9600), sensor(port, mode, intervalMs) {
    fake::reset();
    harbor::host::detachAllModels();
    harbor::host::attachUart(1, &model);
  }
  void run(uint64_t untilMs) { fake::runComponent(sensor, out, untilMs); }
  PmsModel model;
  UartPort port;
  Pms sensor;
  fake::Capture out;
};

}  // namespace

TEST_CASE("pms: commands carry the manual's check codes (PMS5003 manual V2.3, appendix II)") {
  // Appendix II lists each command with its LRCH/LRCL.
  const struct {
    uint8_t cmd;
    uint16_t data;
    const char* hex;
  } rows[] = {{harbor::pms::kCmdMode, 0, "424de100000170"},   // passive mode
              {harbor::pms::kCmdMode, 1, "424de100010171"},   // active mode
              {harbor::pms::kCmdRead, 0, "424de200000171"},   // read in passive mode
              {harbor::pms::kCmdSleep, 0, "424de400000173"},  // sleep
              {harbor::pms::kCmdSleep, 1, "424de400010174"}}; // wake up
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; ++i) {
    uint8_t expected[7];
    fromHex(rows[i].hex, expected, 7);
    uint8_t made[7];
    harbor::pms::command(rows[i].cmd, rows[i].data, made);
    CHECK_CONTEXT(rows[i].hex);
    CHECK(memcmp(made, expected, 7) == 0);
  }
}

TEST_CASE("pms: a real PMS5003 frame decodes to its atmospheric values (appendix I layout)") {
  // Captured from a PMS5003 and posted in Stack Overflow question 56384070
  // ("Decoding endian data from a sensor"): CF=1 23/32/32, atmospheric 22/31/32
  // ug/m3, check code 0x0405 = the sum of the 30 bytes before it.
  uint8_t frame[32];
  fromHex("424D001C0017002000200016001F0020117C04D300AB00080000000097000405", frame, 32);
  harbor::pms::Reading r;
  CHECK(harbor::pms::parse(frame, &r) == harbor::pms::Frame::Ok);
  CHECK_EQ(r.pm1Standard, 23);
  CHECK_EQ(r.pm2_5Standard, 32);
  CHECK_EQ(r.pm10Standard, 32);
  CHECK_EQ(r.pm1, 22);
  CHECK_EQ(r.pm2_5, 31);
  CHECK_EQ(r.pm10, 32);
  frame[13] ^= 0x01;  // one bit of PM2.5 flipped on the line
  CHECK(harbor::pms::parse(frame, &r) == harbor::pms::Frame::BadChecksum);
  frame[13] ^= 0x01;
  frame[29] ^= 0x80;  // the last byte the check code covers
  CHECK(harbor::pms::parse(frame, &r) == harbor::pms::Frame::BadChecksum);
  frame[29] ^= 0x80;
  frame[0] = 0x43;  // not a start character
  CHECK(harbor::pms::parse(frame, &r) == harbor::pms::Frame::BadHeader);
  // A frame cut short, as one reader saw it (forums.pimoroni.com, "PMS5003 sensor
  // appears to be sending truncated messages"): 30 bytes, then the next header.
  const uint8_t cut[32] = {66, 77, 0, 28, 0, 4, 0, 5, 0, 5, 0, 4, 0, 5, 0, 3,
                           126, 0, 226, 0, 23, 0, 2, 0, 0, 0, 0, 151, 0, 2, 66, 77};
  CHECK(harbor::pms::parse(cut, &r) == harbor::pms::Frame::BadChecksum);
}

TEST_CASE("pms: frames arrive at the line's rate, so a read can land in the middle of one") {
  fake::reset();
  harbor::host::detachAllModels();
  PmsModel model(kPm1, kPm2_5, kPm10, Faults());
  uint8_t buf[64];
  // The first frame starts at 2.3 s; 10 bits a byte at 9600 baud is 1.04 ms.
  CHECK_EQ(model.transmit(buf, sizeof buf, PmsModel::kActivePeriodMs + 10), 9u);
  CHECK_EQ(buf[0], 0x42);
  CHECK_EQ(model.transmit(buf, sizeof buf, PmsModel::kActivePeriodMs + 40), 23u);
}

TEST_CASE("pms: active mode reads the model's values on every slot, never waiting") {
  Rig rig(Pms::Mode::Active, 10000);
  rig.run(3600000);
  CHECK_EQ(rig.out.of(0).size(), 360u);
  CHECK_EQ(rig.out.of(1).size(), 360u);
  CHECK_EQ(rig.out.of(2).size(), 360u);
  CHECK(rig.out.errors.empty());
  CHECK(!rig.model.passive());
  checkReadings(rig.out, 10000);
}

TEST_CASE("pms: takes the first frame after its slot, not one that waited in the receive buffer") {
  // PM2.5 changing by up to 0.17 ug/m3 a second: a frame at most 2.4 s after
  // the slot stays within the resolution, one sent 10 s before does not.
  const Wave fast = {40.0, 8.0, 300000, 0};
  const Wave flat = {60.0, 0.0, 0, 0};
  Rig rig(Pms::Mode::Active, 10000, Faults(), fast, flat);
  rig.run(3600000);
  const std::vector<fake::Emitted> pm2_5 = rig.out.of(1);
  CHECK_EQ(pm2_5.size(), 360u);
  for (size_t i = 0; i < pm2_5.size(); ++i) CHECK(fabs(pm2_5[i].value - fast.at(pm2_5[i].takenMs)) <= 1.0);
}

TEST_CASE("pms: passive mode asks for each frame, a byte a write, and gets the model's values") {
  Rig rig(Pms::Mode::Passive, 30000);
  rig.run(600000);
  CHECK(rig.model.passive());
  CHECK_EQ(rig.out.of(1).size(), 20u);
  CHECK(rig.out.errors.empty());
  // The mode command once, then one read command a slot, each sent in 1-byte writes.
  CHECK_EQ(rig.model.commands(), 21u);
  checkReadings(rig.out, 30000);
}

TEST_CASE("pms: corrupted frames are counted and skipped, never sent") {
  Faults faults;
  faults.corruptRate = 0.1;
  faults.seed = 3;
  Rig rig(Pms::Mode::Active, 10000, faults);
  rig.run(3600000);
  CHECK(rig.out.errors.size() > 5u);
  CHECK_EQ(rig.out.of(0).size() + rig.out.errors.size(), 360u);
  for (size_t i = 0; i < rig.out.errors.size(); ++i) {
    CHECK(rig.out.errors[i] == ReadError::Crc || rig.out.errors[i] == ReadError::Timeout);
  }
  checkReadings(rig.out, 10000);
}

TEST_CASE("pms: unplugged for 10 minutes: every slot counted once, said once, back when it answers") {
  for (int passive = 0; passive < 2; ++passive) {
    CHECK_CONTEXT(passive ? "passive" : "active");
    Faults faults;
    harbor::host::Window gone = {600000, 1200000};
    faults.unplugged.push_back(gone);
    Rig rig(passive ? Pms::Mode::Passive : Pms::Mode::Active, 10000, faults);
    rig.run(1800000);
    const fake::Capture& out = rig.out;
    // 60 slots of the 10 minutes, and those until the next look for it (at
    // most a minute later); in passive mode one look asks and the next finds
    // the answer waiting, so up to two minutes.
    fake::checkUnplugged(out, gone, 10000, 1800000, passive ? 7 : 1);
    checkReadings(out, 10000);
  }
}
