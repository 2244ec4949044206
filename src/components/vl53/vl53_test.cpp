// VL53L0X and VL53L1X: the range status codes ST's drivers define, then the
// minimal driver against the host model: single rangings on their slots,
// polling until the result is there, targets out of range, NACKs and an
// unplugged sensor.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/vl53.h"
#include "sensor_faults.h"
#include "vl53_model.h"

using harbor::I2cBus;
using harbor::ReadError;
using harbor::Vl53;
using harbor::host::Faults;
using harbor::host::Vl53Model;
using harbor::host::Wave;

namespace {

const Wave kNear = {800.0, 400.0, 600000, 0};
const Wave kFar = {1500.0, 800.0, 600000, 0};  // beyond 2000 mm part of the time

void checkValues(const fake::Capture& out, const Wave& w) {
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK(fabs(out.readings[i].value - w.at(out.readings[i].takenMs)) <= 0.5);
}

void run(bool l1x, const Wave& w, const Faults& faults, uint64_t untilMs, fake::Capture* out) {
  fake::reset();
  harbor::host::detachAllModels();
  Vl53Model model(l1x, w, faults);
  harbor::host::attachI2c(0, 0x29, &model);
  I2cBus bus(0, 21, 22, 400000);
  Vl53 sensor(bus, l1x ? Vl53::Variant::L1x : Vl53::Variant::L0x, 1000);
  fake::runComponent(sensor, *out, untilMs);
}

}  // namespace

TEST_CASE("vl53: range status as ST's drivers define it") {
  // VL53L0X API: DeviceRangeStatus = (RESULT_RANGE_STATUS & 0x78) >> 3; 11 is "range complete".
  CHECK_EQ(harbor::vl53::l0RangeStatus(0x59), 11u);
  CHECK_EQ(harbor::vl53::l0RangeStatus(0x21), 4u);  // phase fail
  CHECK_EQ(harbor::vl53::kL0RangeValid, 11u);
  // VL53L1X ULD: RESULT__RANGE_STATUS 9 is a valid range (its table maps 9 to status 0).
  CHECK_EQ(harbor::vl53::kL1RangeValid, 9u);
}

TEST_CASE("vl53l0x and vl53l1x: the model's distance on every slot, to the mm") {
  for (int l1x = 0; l1x < 2; ++l1x) {
    fake::Capture out;
    run(l1x == 1, kNear, Faults(), 600000, &out);
    CHECK(out.errors.empty());
    CHECK_EQ(out.of(0).size(), 600u);
    for (size_t i = 0; i < out.readings.size(); ++i) CHECK_EQ(out.readings[i].takenMs % 1000, 0u);
    checkValues(out, kNear);
  }
}

TEST_CASE("vl53l0x and vl53l1x: a target beyond range is counted, never sent") {
  for (int l1x = 0; l1x < 2; ++l1x) {
    fake::Capture out;
    run(l1x == 1, kFar, Faults(), 600000, &out);
    size_t outOfRange = 0;
    for (size_t i = 0; i < out.errors.size(); ++i) outOfRange += out.errors[i] == ReadError::OutOfRange;
    CHECK(outOfRange > 100u);
    CHECK_EQ(out.of(0).size() + out.errors.size(), 600u);
    for (size_t i = 0; i < out.readings.size(); ++i) CHECK(out.readings[i].value <= 2000.0);
    checkValues(out, kFar);
  }
}

TEST_CASE("vl53l0x and vl53l1x: NACKs and 2 minutes unplugged are counted, said once") {
  for (int l1x = 0; l1x < 2; ++l1x) {
    Faults faults;
    faults.nackRate = 0.01;
    faults.seed = 2 + l1x;
    harbor::host::Window gone = {120000, 240000};
    faults.unplugged.push_back(gone);
    fake::Capture out;
    run(l1x == 1, kNear, faults, 600000, &out);
    // Besides the window and the backoff, the NACKs of some 10 transactions a reading.
    fake::checkUnplugged(out, gone, 1000, 600000, 120);
    checkValues(out, kNear);
  }
}

// The model takes its registers from vl53.h: a wrong address there would be
// copied by it, so each one the driver uses is pinned to ST's own table.
TEST_CASE("vl53: the driver's registers are ST's (VL53L0X API vl53l0x_device.h, VL53L1X ULD VL53L1X_api.h)") {
  namespace v = harbor::vl53;
  CHECK_EQ(v::kAddress, 0x29);  // both datasheets: default 7-bit address 0x52 >> 1
  // VL53L0X API vl53l0x_device.h register defines; the model id per the VL53L0X datasheet's reference registers.
  CHECK_EQ(v::kL0SysrangeStart, 0x00);
  CHECK_EQ(v::kL0InterruptConfigGpio, 0x0A);
  CHECK_EQ(v::kL0InterruptClear, 0x0B);
  CHECK_EQ(v::kL0ResultInterruptStatus, 0x13);
  CHECK_EQ(v::kL0ResultRangeStatus, 0x14);
  CHECK_EQ(v::kL0ModelId, 0xC0);
  CHECK_EQ(v::kL0ModelIdValue, 0xEE);
  // VL53L1X ultra lite driver (STSW-IMG009) VL53L1X_api.h register defines; VL53L1X_GetSensorId's 0xEACC.
  CHECK_EQ(v::kL1GpioTioHvStatus, 0x0031);
  CHECK_EQ(v::kL1InterruptClear, 0x0086);
  CHECK_EQ(v::kL1ModeStart, 0x0087);
  CHECK_EQ(v::kL1ResultRangeStatus, 0x0089);
  CHECK_EQ(v::kL1ResultRangeMm, 0x0096);
  CHECK_EQ(v::kL1SystemStatus, 0x00E5);
  CHECK_EQ(v::kL1ModelId, 0x010F);
  CHECK_EQ(v::kL1ModelIdValue, 0xEACC);
}
