// BH1750: the datasheet's worked example of a reading, then the driver against
// the host model through faults.
#include <math.h>

#include "bh1750_model.h"
#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/bh1750.h"
#include "sensor_faults.h"

using harbor::Bh1750;
using harbor::I2cBus;
using harbor::host::Bh1750Model;
using harbor::host::Faults;
using harbor::host::Wave;

namespace {

const Wave kLux = {300.0, 200.0, 900000, 0};

// A device that answers every read with the same two bytes, as a real BH1750 does between measurements.
struct FixedResult : harbor::host::I2cModel {
  uint8_t high, low;
  FixedResult(uint8_t h, uint8_t l) : high(h), low(l) {}
  harbor::platform::BusResult transfer(const uint8_t*, size_t, uint8_t* rx, size_t rxLength, uint64_t) override {
    if (rxLength >= 2) {
      rx[0] = high;
      rx[1] = low;
    }
    return harbor::platform::BusResult::Ok;
  }
};

}  // namespace

TEST_CASE("bh1750: the datasheet's example, 1000_0011 1001_0000 is 28067 lx") {
  // BH1750FVI datasheet (ROHM), p. 11, "Measurement sequence example": High Byte
  // 1000_0011, Low Byte 1001_0000: (2^15 + 2^9 + 2^8 + 2^7 + 2^4) / 1.2 = 28067 lx.
  CHECK(fabs(harbor::bh1750::countToLux(0x8390) - 28067) < 0.5);
  // ... and as the driver reads it off the bus: the high byte first.
  fake::reset();
  harbor::host::detachAllModels();
  FixedResult device(0x83, 0x90);
  harbor::host::attachI2c(0, 0x23, &device);
  I2cBus bus(0, 21, 22, 400000);
  Bh1750 sensor(bus, 0x23, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 10000);
  CHECK_EQ(out.readings.size(), 1u);
  if (!out.readings.empty()) CHECK(fabs(out.readings[0].value - 28067) < 0.5);
  // A saturated count is not a reading.
  fake::reset();
  FixedResult saturated(0xFF, 0xFF);
  harbor::host::attachI2c(0, 0x23, &saturated);
  Bh1750 dazzled(bus, 0x23, 10000);
  fake::Capture none;
  fake::runComponent(dazzled, none, 30000);
  CHECK(none.readings.empty());
  CHECK_EQ(none.errors.size(), 3u);
}

TEST_CASE("bh1750: reads the model's light to its resolution, on its slots, after the measurement time") {
  fake::reset();
  harbor::host::detachAllModels();
  Bh1750Model model(kLux, Faults());
  harbor::host::attachI2c(0, 0x5C, &model);
  I2cBus bus(0, 21, 22, 400000);
  Bh1750 sensor(bus, 0x5C, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 600000);
  CHECK_EQ(out.readings.size(), 60u);
  CHECK(out.errors.empty());
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    CHECK_EQ(e.takenMs % 10000, 0u);
    CHECK(fabs(e.value - kLux.at(e.takenMs)) <= 1 / 1.2);
  }
}

TEST_CASE("bh1750: unplugged, then NACKs now and then: lost slots counted, never a wrong value") {
  fake::reset();
  harbor::host::detachAllModels();
  Bh1750Model model(kLux, Faults());
  harbor::host::attachI2c(0, 0x23, &model);
  I2cBus bus(0, 21, 22, 400000);
  Bh1750 sensor(bus, 0x23, 10000);
  const auto ok = [](const fake::Emitted& e) { return fabs(e.value - kLux.at(e.takenMs)) <= 1 / 1.2; };
  fake::checkUnplugged(sensor, model.faults, 10000, 1, ok);
  fake::reset();
  Bh1750 again(bus, 0x23, 10000);
  fake::checkNacks(again, model.faults, 10000, 1, ok);
}
