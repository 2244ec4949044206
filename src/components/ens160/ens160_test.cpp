// ENS160: the datasheet's register layout (PART_ID, DEVICE_STATUS bits, the
// little-endian results), then the driver against the host model through its
// warm-up, NACKs and an unplugged sensor.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "ens160_model.h"
#include "harbor/sensors/ens160.h"
#include "sensor_faults.h"

using harbor::Ens160;
using harbor::I2cBus;
using harbor::ReadError;
using harbor::host::Ens160Model;
using harbor::host::Faults;
using harbor::host::Wave;
namespace ens160 = harbor::ens160;

namespace {

const Wave kAqi = {3.0, 1.5, 600000, 0};
const Wave kTvoc = {300.0, 200.0, 900000, 0};
const Wave kEco2 = {900.0, 400.0, 1200000, 0};

void checkValues(const fake::Capture& out) {
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    const Wave& w = e.channel == 0 ? kAqi : e.channel == 1 ? kTvoc : kEco2;
    CHECK(fabs(e.value - w.at(e.takenMs)) <= 0.5);  // whole numbers
  }
}

struct Rig {
  explicit Rig(uint32_t warmUpMs, const Faults& faults = Faults())
      : model(warmUpMs, kAqi, kTvoc, kEco2, faults), bus(0, 21, 22, 400000) {
    fake::reset();
    harbor::host::detachAllModels();
    harbor::host::attachI2c(0, 0x53, &model);
  }
  Ens160Model model;
  I2cBus bus;
};

}  // namespace

TEST_CASE("ens160: DEVICE_STATUS and the results as the datasheet lays them out") {
  // DEVICE_STATUS: STATAS bit 7, STATER bit 6, VALIDITY FLAG bits 3:2, NEWDAT bit 1.
  // DATA_AQI bits 2:0; DATA_TVOC (ppb) and DATA_ECO2 (ppm) little-endian.
  const uint8_t data[6] = {0x82, 0x03, 0x2C, 0x01, 0xB0, 0x04};
  const ens160::Reading r = ens160::parse(data);
  CHECK(ens160::validity(r.status) == ens160::Validity::Normal);
  CHECK(r.status & ens160::kStatusNewData);
  CHECK_EQ(r.aqi, 3u);
  CHECK_EQ(r.tvoc, 300u);
  CHECK_EQ(r.eco2, 1200u);
  CHECK(ens160::validity(0x86) == ens160::Validity::WarmUp);
  CHECK(ens160::validity(0x8A) == ens160::Validity::InitialStartUp);
  CHECK(ens160::validity(0x8E) == ens160::Validity::Invalid);
}

TEST_CASE("ens160: reads the model's AQI, TVOC and eCO2, nothing while it warms up") {
  Rig rig(180000);
  Ens160 sensor(rig.bus, 0x53, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 600000);
  CHECK(out.errors.empty());
  // 18 slots in the 3 minutes of warm-up send nothing.
  CHECK_EQ(out.of(0).size(), 42u);
  CHECK_EQ(out.of(2).size(), 42u);
  for (size_t i = 0; i < out.readings.size(); ++i) {
    CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
    CHECK(out.readings[i].takenMs >= 180000u);
  }
  checkValues(out);
}

TEST_CASE("ens160: NACKs cost single readings, unplugged minutes are counted, never a wrong value") {
  Faults faults;
  faults.nackRate = 0.05;
  faults.seed = 4;
  harbor::host::Window gone = {300000, 600000};
  faults.unplugged.push_back(gone);
  Rig rig(0, faults);
  Ens160 sensor(rig.bus, 0x53, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 1200000);
  // Up to 14 NACKed slots besides; the first slot has no result yet.
  fake::checkUnplugged(out, gone, 10000, 1200000, 14, 1);
  checkValues(out);
}

TEST_CASE("ens160: nobody at 0x52 is absent, retried with backoff") {
  fake::reset();
  harbor::host::detachAllModels();
  Rig rig(0);
  I2cBus bus(0, 21, 22, 400000);
  Ens160 wrong(bus, 0x52, 10000);  // the model answers at 0x53
  fake::Capture out;
  fake::runComponent(wrong, out, 60000);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 6u);
}
