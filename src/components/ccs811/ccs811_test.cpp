// CCS811: ALG_RESULT_DATA as the datasheet lays it out, then the driver
// against the host model from its boot loader, through a board reboot, NACKs
// and an unplugged sensor.
#include <math.h>

#include "ccs811_model.h"
#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/ccs811.h"
#include "sensor_faults.h"

using harbor::Ccs811;
using harbor::I2cBus;
using harbor::host::Ccs811Model;
using harbor::host::Faults;
using harbor::host::Wave;

namespace {

const Wave kEco2 = {900.0, 400.0, 600000, 0};
const Wave kTvoc = {200.0, 150.0, 900000, 0};

void checkValues(const fake::Capture& out) {
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    CHECK(fabs(e.value - (e.channel == 0 ? kEco2 : kTvoc).at(e.takenMs)) <= 0.5);  // whole numbers
  }
}

struct Rig {
  explicit Rig(const Faults& faults = Faults()) : model(kEco2, kTvoc, faults), bus(0, 21, 22, 100000) {
    fake::reset();
    harbor::host::detachAllModels();
    harbor::host::attachI2c(0, 0x5A, &model);
  }
  Ccs811Model model;
  I2cBus bus;
};

}  // namespace

TEST_CASE("ccs811: ALG_RESULT_DATA is eCO2 and TVOC most significant byte first, then STATUS and ERROR_ID") {
  // CCS811 datasheet, ALG_RESULT_DATA (0x02): byte 0-1 eCO2 ppm, 2-3 TVOC ppb, 4 STATUS, 5 ERROR_ID.
  // STATUS 0x98: FW_MODE (bit 7), APP_VALID (bit 4), DATA_READY (bit 3).
  const uint8_t data[6] = {0x01, 0x90, 0x00, 0x2A, 0x98, 0x00};
  const harbor::ccs811::Result r = harbor::ccs811::parse(data);
  CHECK_EQ(r.eco2, 400u);
  CHECK_EQ(r.tvoc, 42u);
  CHECK(r.status & harbor::ccs811::kStatusFwMode);
  CHECK(r.status & harbor::ccs811::kStatusAppValid);
  CHECK(r.status & harbor::ccs811::kStatusDataReady);
  CHECK(!(r.status & harbor::ccs811::kStatusError));
}

TEST_CASE("ccs811: started from its boot loader, reads the model's eCO2 and TVOC on every slot but the first") {
  Rig rig;
  Ccs811 sensor(rig.bus, 0x5A, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 600000);
  CHECK(out.errors.empty());
  CHECK_EQ(out.of(0).size(), 59u);  // the first slot is before its first result
  CHECK_EQ(out.of(1).size(), 59u);
  checkValues(out);
  // A board rebooted alone finds it in application mode, measuring.
  Ccs811 again(rig.bus, 0x5A, 10000);
  fake::Capture after;
  fake::runComponent(again, after, 700000);
  CHECK(after.errors.empty());
  CHECK_EQ(after.of(0).size(), 9u);
  checkValues(after);
}

TEST_CASE("ccs811: NACKs and 5 minutes unplugged are counted, said once, never a wrong value") {
  Faults faults;
  faults.nackRate = 0.03;
  faults.seed = 8;
  harbor::host::Window gone = {300000, 600000};
  faults.unplugged.push_back(gone);
  Rig rig(faults);
  Ccs811 sensor(rig.bus, 0x5A, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 1200000);
  // Up to 12 NACKed slots besides; the first slot has no result yet.
  fake::checkUnplugged(out, gone, 10000, 1200000, 12, 1);
  checkValues(out);
}
