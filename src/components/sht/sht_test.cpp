// SHT3x / SHT4x: the datasheets' conversion formulas and CRC example, then the
// driver against the host model through NACKs, bad CRCs and an unplugged sensor.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/sht.h"
#include "sensor_faults.h"
#include "sht_model.h"

using harbor::I2cBus;
using harbor::ReadError;
using harbor::Sht;
using harbor::host::Faults;
using harbor::host::ShtModel;
using harbor::host::Wave;

namespace {

const Wave kTemperature = {21.0, 6.0, 600000, 0};
const Wave kHumidity = {50.0, 20.0, 900000, 0};

// Runs one sensor against its model for `untilMs`, reading every `intervalMs`.
void run(bool sht4x, const Faults& faults, uint32_t intervalMs, uint64_t untilMs, fake::Capture& out) {
  fake::reset();
  harbor::host::detachAllModels();
  ShtModel model(sht4x, kTemperature, kHumidity, faults);
  harbor::host::attachI2c(0, 0x44, &model);
  I2cBus bus(0, 21, 22, 400000);
  Sht sensor(bus, 0x44, sht4x ? Sht::Variant::Sht4x : Sht::Variant::Sht3x, intervalMs);
  fake::runComponent(sensor, out, untilMs);
}

void checkValues(const fake::Capture& out) {
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    const Wave& w = e.channel == 0 ? kTemperature : kHumidity;
    CHECK(fabs(e.value - w.at(e.takenMs)) <= 0.01);
  }
}

}  // namespace

TEST_CASE("sht: SHT3x conversion, datasheet section 4.13: 0 -> -45 degC, 0x6666 -> 25 degC and 40 %RH, 0xFFFF -> 130 degC and 100 %RH") {
  CHECK(fabs(harbor::sht::sht3xCelsius(0) - -45.0) < 1e-9);
  CHECK(fabs(harbor::sht::sht3xCelsius(0x6666) - 25.0) < 1e-9);
  CHECK(fabs(harbor::sht::sht3xCelsius(0xFFFF) - 130.0) < 1e-9);
  CHECK(fabs(harbor::sht::sht3xHumidity(0) - 0.0) < 1e-9);
  CHECK(fabs(harbor::sht::sht3xHumidity(0x6666) - 40.0) < 1e-9);
  CHECK(fabs(harbor::sht::sht3xHumidity(0xFFFF) - 100.0) < 1e-9);
}

TEST_CASE("sht: SHT4x conversion, datasheet section 4.6: RH = -6 + 125 S / 65535, cropped to 0..100") {
  CHECK(fabs(harbor::sht::sht4xCelsius(0x6666) - 25.0) < 1e-9);
  CHECK(fabs(harbor::sht::sht4xHumidity(0x6666) - 44.0) < 1e-9);
  CHECK(fabs(harbor::sht::sht4xHumidity(0x8000) - (-6.0 + 125.0 * 32768 / 65535)) < 1e-9);
  CHECK_EQ(harbor::sht::sht4xHumidity(0), 0.0);       // -6 %RH cropped
  CHECK_EQ(harbor::sht::sht4xHumidity(0xFFFF), 100.0);  // 119 %RH cropped
}

TEST_CASE("sht: a word passes with the datasheet's CRC example 0xBEEF -> 0x92 and fails with any other") {
  const uint8_t good[3] = {0xBE, 0xEF, 0x92};
  const uint8_t bad[3] = {0xBE, 0xEF, 0x93};
  uint16_t w = 0;
  CHECK(harbor::sht::word(good, &w));
  CHECK_EQ(w, 0xBEEFu);
  CHECK(!harbor::sht::word(bad, &w));
}

TEST_CASE("sht: SHT3x and SHT4x read the model's temperature and humidity on every slot") {
  for (int sht4x = 0; sht4x < 2; ++sht4x) {
    fake::Capture out;
    run(sht4x != 0, Faults(), 10000, 3600000, out);
    CHECK_EQ(out.of(0).size(), 360u);
    CHECK_EQ(out.of(1).size(), 360u);
    CHECK(out.errors.empty());
    // On its slot; the SHT4x's first one a millisecond late, after the serial number it is found by.
    for (size_t i = 0; i < out.readings.size(); ++i) CHECK(out.readings[i].takenMs % 10000 <= (i < 2 ? 1u : 0u));
    checkValues(out);
  }
}

TEST_CASE("sht: flipped bits are caught by the CRC and NACKs cost single readings, never a wrong value") {
  for (int sht4x = 0; sht4x < 2; ++sht4x) {
    Faults faults;
    faults.corruptRate = 0.1;
    faults.nackRate = 0.03;
    faults.seed = 11;
    fake::Capture out;
    run(sht4x != 0, faults, 10000, 3600000, out);
    size_t crc = 0;
    for (size_t i = 0; i < out.errors.size(); ++i) crc += out.errors[i] == ReadError::Crc;
    CHECK(crc > 10u);
    CHECK(out.errors.size() > crc);  // the NACKs
    CHECK_EQ(out.of(0).size() + out.errors.size(), 360u);
    CHECK_EQ(out.of(1).size(), out.of(0).size());
    checkValues(out);
  }
}

TEST_CASE("sht: unplugged for 10 minutes: slots counted, said once, read again when it answers") {
  Faults faults;
  harbor::host::Window gone = {600000, 1200000};
  faults.unplugged.push_back(gone);
  fake::Capture out;
  run(true, faults, 10000, 1800000, out);
  fake::checkUnplugged(out, gone, 10000, 1800000);
  checkValues(out);
}
