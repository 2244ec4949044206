// ADXL345: the datasheet's full-resolution scale, then the driver against the
// host model through ranges and faults.
#include <math.h>

#include "adxl345_model.h"
#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/adxl345.h"
#include "sensor_faults.h"

using harbor::Adxl345;
using harbor::I2cBus;
using harbor::host::Adxl345Model;
using harbor::host::Faults;
using harbor::host::Wave;

namespace {

const Wave kWaves[3] = {{0.3, 0.6, 300000, 0}, {-0.2, 0.6, 400000, 0}, {9.81, 0.3, 500000, 0}};
const double kCount = 9.80665 / 256;

bool onWave(const fake::Emitted& e) { return e.channel < 3 && fabs(e.value - kWaves[e.channel].at(e.takenMs)) <= kCount / 2 + 1e-9; }

struct Rig {
  Rig(uint8_t rangeG, const Wave& z = kWaves[2])
      : model(kWaves[0], kWaves[1], z, Faults()), bus(0, 21, 22, 400000), sensor(bus, 0x53, rangeG, 10000) {
    fake::reset();
    harbor::host::detachAllModels();
    harbor::host::attachI2c(0, 0x53, &model);
  }
  Adxl345Model model;
  I2cBus bus;
  Adxl345 sensor;
  fake::Capture out;
};

}  // namespace

TEST_CASE("adxl345: full resolution is 256 LSB/g, 3.9 mg a count (datasheet Rev. E, Table 1)") {
  CHECK(fabs(harbor::adxl345::toMs2(256) - 9.80665) < 1e-9);  // 1 g
  CHECK(fabs(harbor::adxl345::toMs2(1) / 9.80665 * 1000 - 3.9) < 0.01);  // 3.906 mg
  CHECK(fabs(harbor::adxl345::toMs2(-512) + 2 * 9.80665) < 1e-9);
  CHECK_EQ(harbor::adxl345::rangeCode(2), 0);  // DATA_FORMAT D1:D0, Table 21
  CHECK_EQ(harbor::adxl345::rangeCode(4), 1);
  CHECK_EQ(harbor::adxl345::rangeCode(8), 2);
  CHECK_EQ(harbor::adxl345::rangeCode(16), 3);
}

TEST_CASE("adxl345: reads the model's acceleration low byte first, at every range") {
  const uint8_t ranges[4] = {2, 4, 8, 16};
  for (int i = 0; i < 4; ++i) {
    CHECK_CONTEXT(std::to_string(ranges[i]) + " g");
    Rig rig(ranges[i]);
    fake::runComponent(rig.sensor, rig.out, 600000);
    CHECK_EQ(rig.out.readings.size(), 60u * 3);
    CHECK(rig.out.errors.empty());
    for (size_t k = 0; k < rig.out.readings.size(); ++k) CHECK(onWave(rig.out.readings[k]));
    if (!rig.out.readings.empty()) CHECK_EQ(rig.out.readings[0].takenMs, 0u);
  }
}

TEST_CASE("adxl345: a clipped reading beyond the range is refused") {
  Rig narrow(2, {24.5, 0, 0, 0});  // 2.5 g on z
  fake::runComponent(narrow.sensor, narrow.out, 60000);
  CHECK(narrow.out.readings.empty());
  CHECK_EQ(narrow.out.errors.size(), 6u);
  Rig wide(4, {24.5, 0, 0, 0});
  fake::runComponent(wide.sensor, wide.out, 60000);
  CHECK_EQ(wide.out.readings.size(), 18u);
}

TEST_CASE("adxl345: NACKs cost single readings; unplugged, it comes back in standby and is started again") {
  {
    Rig rig(8);
    fake::checkNacks(rig.sensor, rig.model.faults, 10000, 3, onWave);
  }
  Rig rig(8);
  fake::checkUnplugged(rig.sensor, rig.model.faults, 10000, 3, onWave);
}

TEST_CASE("adxl345: found in standby after a brown-out, it is not read but set up again") {
  Rig rig(2);
  rig.sensor.begin(0);
  uint64_t next = 0;
  bool cut = false;
  while (next < 600000) {
    fake::state().nowMs = next;
    if (!cut && next >= 300000) {
      rig.model.reset();  // power back: standby, outputs zero
      cut = true;
    }
    next = rig.sensor.run(fake::state().nowMs, rig.out);
  }
  CHECK_EQ(rig.out.errors.size(), 3u);
  CHECK_EQ(rig.out.readings.size() / 3 + rig.out.errors.size(), 60u);
  for (size_t i = 0; i < rig.out.readings.size(); ++i) CHECK(onWave(rig.out.readings[i]));
}
