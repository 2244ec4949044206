// AHT10 / AHT20: the datasheet's conversion formulas and CRC, then the driver
// against the host model through NACKs, flipped bits and an unplugged sensor.
#include <math.h>

#include "aht_model.h"
#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/aht.h"
#include "sensor_faults.h"

using harbor::Aht;
using harbor::I2cBus;
using harbor::ReadError;
using harbor::host::AhtModel;
using harbor::host::Faults;
using harbor::host::Wave;

namespace {

const Wave kTemperature = {22.0, 8.0, 600000, 0};
const Wave kHumidity = {45.0, 25.0, 900000, 0};

void checkValues(const fake::Capture& out) {
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    const Wave& w = e.channel == 0 ? kTemperature : kHumidity;
    CHECK(fabs(e.value - w.at(e.takenMs)) <= 0.01);
  }
}

void run(AhtModel& model, bool aht10, uint64_t untilMs, fake::Capture& out) {
  fake::reset();
  harbor::host::detachAllModels();
  harbor::host::attachI2c(0, 0x38, &model);
  I2cBus bus(0, 21, 22, 400000);
  Aht sensor(bus, 0x38, aht10 ? Aht::Variant::Aht10 : Aht::Variant::Aht20, 10000);
  fake::runComponent(sensor, out, untilMs);
}

}  // namespace

TEST_CASE("aht: signal transformation of the AHT20 datasheet: RH = S / 2^20 * 100, T = S / 2^20 * 200 - 50") {
  CHECK_EQ(harbor::aht::humidity(0), 0.0);
  CHECK_EQ(harbor::aht::humidity(1u << 19), 50.0);
  CHECK_EQ(harbor::aht::celsius(0), -50.0);
  CHECK_EQ(harbor::aht::celsius(1u << 18), 0.0);
  CHECK_EQ(harbor::aht::celsius(1u << 19), 50.0);
  CHECK(fabs(harbor::aht::celsius(0xFFFFF) - 149.99981) < 1e-5);
  // The 20-bit fields share byte 3: humidity its high nibble, temperature its low one.
  const uint8_t answer[6] = {0x1C, 0x80, 0x00, 0x04, 0x00, 0x00};
  CHECK_EQ(harbor::aht::rawHumidity(answer), 1u << 19);
  CHECK_EQ(harbor::aht::rawTemperature(answer), 1u << 18);
}

TEST_CASE("aht: AHT20 and AHT10 read the model's values on every slot") {
  for (int aht10 = 0; aht10 < 2; ++aht10) {
    AhtModel model(aht10 != 0, kTemperature, kHumidity, Faults());
    fake::Capture out;
    run(model, aht10 != 0, 3600000, out);
    CHECK_EQ(out.of(0).size(), 360u);
    CHECK_EQ(out.of(1).size(), 360u);
    CHECK(out.errors.empty());
    for (size_t i = 0; i < out.readings.size(); ++i) CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
    checkValues(out);
  }
}

TEST_CASE("aht: a conversion slower than the datasheet's time is polled until the busy bit clears, never read stale") {
  AhtModel model(false, kTemperature, kHumidity, Faults());
  model.busyMs = 95;
  fake::Capture out;
  run(model, false, 600000, out);
  CHECK_EQ(out.of(0).size(), 60u);
  CHECK(out.errors.empty());
  checkValues(out);
}

TEST_CASE("aht: an uncalibrated AHT20 is initialized (0xBE 0x08 0x00) before its first reading") {
  AhtModel model(false, kTemperature, kHumidity, Faults());
  model.calibrated = false;
  fake::Capture out;
  run(model, false, 60000, out);
  CHECK(model.calibrated);
  CHECK_EQ(out.of(0).size(), 6u);
  CHECK(out.errors.empty());
  checkValues(out);
}

TEST_CASE("aht: AHT20 flipped bits are caught by its CRC, NACKs cost single readings, never a wrong value") {
  Faults faults;
  faults.corruptRate = 0.1;
  faults.nackRate = 0.03;
  faults.seed = 5;
  AhtModel model(false, kTemperature, kHumidity, faults);
  fake::Capture out;
  run(model, false, 3600000, out);
  size_t crc = 0;
  for (size_t i = 0; i < out.errors.size(); ++i) crc += out.errors[i] == ReadError::Crc;
  CHECK(crc > 10u);
  CHECK(out.errors.size() > crc);
  CHECK_EQ(out.of(0).size() + out.errors.size(), 360u);
  checkValues(out);
}

TEST_CASE("aht: unplugged for 10 minutes: slots counted, said once, read again when it answers") {
  Faults faults;
  harbor::host::Window gone = {600000, 1200000};
  faults.unplugged.push_back(gone);
  AhtModel model(true, kTemperature, kHumidity, faults);
  fake::Capture out;
  run(model, true, 1800000, out);
  fake::checkUnplugged(out, gone, 10000, 1800000);
  checkValues(out);
}
