// SGP30 and SGP40 / SGP41: the datasheets' frames, then the drivers against
// the host models through bad CRCs, NACKs and an unplugged sensor.
#include <math.h>
#include <string.h>

#include <vector>

#include "check.h"
#include "component_rig.h"
#include "harbor/bus/sensirion.h"
#include "harbor/sensors/sgp.h"
#include "sensor_faults.h"
#include "sgp_model.h"

using harbor::I2cBus;
using harbor::ReadError;
using harbor::Sgp30;
using harbor::Sgp4x;
using harbor::host::Faults;
using harbor::host::Sgp30Model;
using harbor::host::Sgp4xModel;
using harbor::host::Wave;

namespace {

const Wave kTvoc = {150.0, 100.0, 600000, 0};
const Wave kEco2 = {700.0, 250.0, 900000, 0};
const Wave kVoc = {30000.0, 2000.0, 600000, 0};
const Wave kNox = {16000.0, 1000.0, 900000, 0};

// Every reading holds its wave's value at its slot, to the tick.
void checkValues(const fake::Capture& out, const Wave& first, const Wave& second) {
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    CHECK(fabs(e.value - (e.channel == 0 ? first : second).at(e.takenMs)) <= 0.5);
  }
}

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

TEST_CASE("sgp: the SGP40 datasheet's measure_raw_signal with default compensation is 26 0F 80 00 A2 66 66 93") {
  // SGP40 datasheet, measure_raw_signal: default RH 0x8000 (CRC 0xA2), T 0x6666 (CRC 0x93).
  fake::reset();
  harbor::host::detachAllModels();
  Spy spy;
  harbor::host::attachI2c(0, 0x59, &spy);
  I2cBus bus(0, 21, 22, 400000);
  Sgp4x sensor(bus, Sgp4x::Variant::Sgp40, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 100);
  const uint8_t expected[8] = {0x26, 0x0F, 0x80, 0x00, 0xA2, 0x66, 0x66, 0x93};
  bool found = false;
  for (size_t i = 0; i < spy.written.size(); ++i) {
    found = found || (spy.written[i].size() == 8 && memcmp(&spy.written[i][0], expected, 8) == 0);
  }
  CHECK(found);
}

TEST_CASE("sgp: the SGP30's answer during its first 15 s is 400 ppm and 0 ppb, 01 90 4C 00 00 81") {
  // SGP30 datasheet: after init_air_quality, measure_air_quality returns eCO2 400 ppm and TVOC 0 ppb for 15 s.
  const uint8_t frame[6] = {0x01, 0x90, 0x4C, 0x00, 0x00, 0x81};
  uint16_t words[2] = {1, 1};
  CHECK(harbor::sensirion::decodeWords(frame, 2, words));
  CHECK_EQ(words[0], 400u);
  CHECK_EQ(words[1], 0u);
}

TEST_CASE("sgp30: measures every second, sends the model's TVOC and eCO2 on its interval after the warm-up") {
  fake::reset();
  harbor::host::detachAllModels();
  Sgp30Model model(kTvoc, kEco2, Faults());
  harbor::host::attachI2c(0, 0x58, &model);
  I2cBus bus(0, 21, 22, 400000);
  Sgp30 sensor(bus, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 600000);
  CHECK(out.errors.empty());
  CHECK_EQ(model.measurements(), 600u);
  // Slots 0 and 10 s fall in the 15 s after init: fixed values, not sent.
  CHECK_EQ(out.of(0).size(), 58u);
  CHECK_EQ(out.of(1).size(), 58u);
  for (size_t i = 0; i < out.readings.size(); ++i) {
    CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
    CHECK(out.readings[i].takenMs >= 20000u);
  }
  checkValues(out, kTvoc, kEco2);
}

TEST_CASE("sgp30: bad CRCs and NACKs are counted, never sent as values") {
  fake::reset();
  harbor::host::detachAllModels();
  Faults faults;
  faults.corruptRate = 0.05;
  faults.nackRate = 0.02;
  faults.seed = 3;
  Sgp30Model model(kTvoc, kEco2, faults);
  harbor::host::attachI2c(0, 0x58, &model);
  I2cBus bus(0, 21, 22, 400000);
  Sgp30 sensor(bus, 5000);
  fake::Capture out;
  fake::runComponent(sensor, out, 600000);
  size_t crc = 0;
  for (size_t i = 0; i < out.errors.size(); ++i) crc += out.errors[i] == ReadError::Crc;
  CHECK(crc > 10u);
  CHECK(out.of(0).size() < 117u);
  CHECK(out.of(0).size() > 90u);
  checkValues(out, kTvoc, kEco2);
}

TEST_CASE("sgp40 and sgp41: raw ticks of the model; the SGP41 conditions its NOx pixel first") {
  fake::reset();
  harbor::host::detachAllModels();
  Sgp4xModel sgp40(false, kVoc, kNox, Faults());
  Sgp4xModel sgp41(true, kVoc, kNox, Faults());
  harbor::host::attachI2c(0, 0x59, &sgp40);
  harbor::host::attachI2c(1, 0x59, &sgp41);
  I2cBus bus0(0, 21, 22, 400000);
  I2cBus bus1(1, 25, 26, 400000);
  Sgp4x forty(bus0, Sgp4x::Variant::Sgp40, 10000);
  fake::Capture a;
  fake::runComponent(forty, a, 600000);
  CHECK(a.errors.empty());
  CHECK_EQ(a.of(0).size(), 60u);
  CHECK_EQ(a.of(1).size(), 0u);
  checkValues(a, kVoc, kNox);
  fake::reset();
  Sgp4x fortyOne(bus1, Sgp4x::Variant::Sgp41, 10000);
  fake::Capture b;
  fake::runComponent(fortyOne, b, 600000);
  CHECK(b.errors.empty());
  CHECK_EQ(b.of(0).size(), 59u);  // the slot at boot conditions
  CHECK_EQ(b.of(1).size(), 59u);
  checkValues(b, kVoc, kNox);
}

TEST_CASE("sgp41: unplugged for 5 minutes: every slot counted, said once, back when it answers") {
  fake::reset();
  harbor::host::detachAllModels();
  Faults faults;
  harbor::host::Window gone = {300000, 600000};
  faults.unplugged.push_back(gone);
  Sgp4xModel model(true, kVoc, kNox, faults);
  harbor::host::attachI2c(0, 0x59, &model);
  I2cBus bus(0, 21, 22, 400000);
  Sgp4x sensor(bus, Sgp4x::Variant::Sgp41, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 1200000);
  // The slot at boot conditions, not sent; the first after it answers again conditions too, lost and counted.
  fake::checkUnplugged(out, gone, 10000, 1200000, 0, 1);
  checkValues(out, kVoc, kNox);
}
