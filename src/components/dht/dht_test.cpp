// DHT11 / DHT22: the datasheets' example frames, then the driver against the
// host model through bad checksums and an unplugged sensor.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "dht_model.h"
#include "harbor/sensors/dht.h"

using harbor::Dht;
using harbor::ReadError;
using harbor::host::DhtModel;
using harbor::host::Faults;
using harbor::host::Wave;

TEST_CASE("dht22: AM2302 datasheet section 7 example: 0x028C 0x015F 0xEE is 65.2 %RH and 35.1 degC; 0x8065 is -10.1 degC") {
  const uint8_t frame[5] = {0x02, 0x8C, 0x01, 0x5F, 0xEE};
  CHECK(Dht::checksumOk(frame));
  double c = 0, h = 0;
  Dht::decode(Dht::Variant::Dht22, frame, &c, &h);
  CHECK(fabs(h - 65.2) < 1e-9);
  CHECK(fabs(c - 35.1) < 1e-9);
  const uint8_t cold[5] = {0x02, 0x8C, 0x80, 0x65, static_cast<uint8_t>(0x02 + 0x8C + 0x80 + 0x65)};
  CHECK(Dht::checksumOk(cold));
  Dht::decode(Dht::Variant::Dht22, cold, &c, &h);
  CHECK(fabs(c - -10.1) < 1e-9);
}

TEST_CASE("dht11: DHT11 datasheet section 5 example: 0x35 0x00 0x18 0x00 0x4D is 53 %RH and 24 degC; ending 0x49 it is refused") {
  const uint8_t frame[5] = {0x35, 0x00, 0x18, 0x00, 0x4D};
  CHECK(Dht::checksumOk(frame));
  double c = 0, h = 0;
  Dht::decode(Dht::Variant::Dht11, frame, &c, &h);
  CHECK_EQ(h, 53.0);
  CHECK_EQ(c, 24.0);
  const uint8_t wrong[5] = {0x35, 0x00, 0x18, 0x00, 0x49};
  CHECK(!Dht::checksumOk(wrong));
  // ASAIR DHT11 (newer parts): the temperature decimal byte's bit 7 is the sign; 0x01 0x83 is -1.3 degC.
  const uint8_t cold[5] = {0x35, 0x00, 0x01, 0x83, static_cast<uint8_t>(0x35 + 0x01 + 0x83)};
  Dht::decode(Dht::Variant::Dht11, cold, &c, &h);
  CHECK(fabs(c - -1.3) < 1e-9);
  CHECK_EQ(Dht::startMs(Dht::Variant::Dht11), 20u);  // at least 18 ms low
}

TEST_CASE("dht22: reads the model's temperature (below zero too) and humidity to 0.1; bad checksums skipped and counted") {
  fake::reset();
  harbor::host::detachAllModels();
  const Wave celsius = {2.0, 8.0, 600000, 0};
  const Wave humidity = {55.0, 20.0, 900000, 0};
  Faults faults;
  faults.corruptRate = 0.1;
  faults.seed = 11;
  DhtModel model(Dht::Variant::Dht22, celsius, humidity, faults);
  harbor::host::attachPin(27, &model);
  harbor::host::labelModel(&model, 0);
  Dht sensor(27, Dht::Variant::Dht22, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 3600000);
  CHECK(out.errors.size() > 10u);
  for (size_t i = 0; i < out.errors.size(); ++i) CHECK(out.errors[i] == ReadError::Crc || out.errors[i] == ReadError::OutOfRange);
  const std::vector<fake::Emitted> t = out.of(0);
  const std::vector<fake::Emitted> h = out.of(1);
  CHECK_EQ(t.size() + out.errors.size(), 360u);
  CHECK_EQ(h.size(), t.size());
  bool belowZero = false;
  for (size_t i = 0; i < t.size() && i < h.size(); ++i) {
    CHECK_EQ(t[i].takenMs % 10000, 0u);
    CHECK(fabs(t[i].value - celsius.at(t[i].takenMs)) <= 0.06);
    CHECK(fabs(h[i].value - humidity.at(h[i].takenMs)) <= 0.06);
    belowZero = belowZero || t[i].value < 0;
  }
  CHECK(belowZero);
  // The frame is the one step that holds the CPU: ~5 ms.
  CHECK_EQ(harbor::host::longestStepUs(0), 5000L);
}

TEST_CASE("dht11: unplugged for 10 minutes: timeouts counted once a slot, said once, back when it answers") {
  fake::reset();
  harbor::host::detachAllModels();
  Faults faults;
  harbor::host::Window gone = {600000, 1200000};
  faults.unplugged.push_back(gone);
  const Wave celsius = {24.0, 5.0, 600000, 0};
  const Wave humidity = {50.0, 15.0, 900000, 0};
  DhtModel model(Dht::Variant::Dht11, celsius, humidity, faults);
  harbor::host::attachPin(27, &model);
  Dht sensor(27, Dht::Variant::Dht11, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 1800000);
  CHECK(out.errors.size() >= 60u && out.errors.size() <= 66u);
  CHECK_EQ(out.of(0).size() + out.errors.size(), 180u);
  for (size_t i = 0; i < out.readings.size(); ++i) {
    CHECK(!gone.contains(out.readings[i].takenMs));
    const Wave& w = out.readings[i].channel == 0 ? celsius : humidity;
    CHECK(fabs(out.readings[i].value - w.at(out.readings[i].takenMs)) <= 0.06);
  }
}
