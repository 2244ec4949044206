// Ultrasonic ranging: the speed of sound and the HC-SR04 datasheet's rule,
// then the driver against the host model through out-of-range and unplugged.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/ultrasonic.h"
#include "ultrasonic_model.h"

using harbor::ReadError;
using harbor::Ultrasonic;
using harbor::host::Faults;
using harbor::host::UltrasonicModel;
using harbor::host::Wave;
namespace ultrasonic = harbor::ultrasonic;

TEST_CASE("ultrasonic: speed of sound in dry air, 331.3 m/s at 0 degC and 343.2 m/s at 20 degC (ideal gas, c = 331.3 sqrt(1 + T/273.15))") {
  CHECK(fabs(ultrasonic::speedOfSound(0) - 331.3) < 1e-9);
  CHECK(fabs(ultrasonic::speedOfSound(20) - 343.2) < 0.05);
  CHECK(fabs(ultrasonic::speedOfSound(-10) - 325.2) < 0.05);
}

TEST_CASE("ultrasonic: HC-SR04 datasheet, range = high level time x velocity (340 m/s) / 2, 'us / 58 = cm': 5800 us is 1 m within 1 %") {
  CHECK(fabs(ultrasonic::metres(5800, 340) - 0.986) < 1e-9);
  const double m = ultrasonic::metres(5800, ultrasonic::speedOfSound(20));
  CHECK(fabs(m - 1.0) < 0.01);
  CHECK(fabs(ultrasonic::metres(23300, 343.2) - 3.998) < 0.001);  // 4 m, the far end of its range
}

TEST_CASE("ultrasonic: reads the model's distance to 1 mm, polling the echo, on its slots; too far or unplugged is out of range") {
  fake::reset();
  harbor::host::detachAllModels();
  const Wave metres = {2.2, 2.0, 600000, 0};  // 0.2 to 4.2 m: past 4 m now and then
  Faults faults;
  harbor::host::Window gone = {1800000, 2400000};
  faults.unplugged.push_back(gone);
  UltrasonicModel model(20, 5.0, metres, faults);
  harbor::host::attachPin(18, &model);
  harbor::host::labelModel(&model, 0);
  Ultrasonic sensor(5, 18, 0.02, 4.0, 20, 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 3600000);
  size_t far = 0;
  for (size_t i = 0; i < 360; ++i) {
    const uint64_t t = i * 10000;
    if (!gone.contains(t) && metres.at(t) > 4.0) ++far;
  }
  CHECK(far > 5u);
  CHECK_EQ(out.errors.size(), far + 60u);
  for (size_t i = 0; i < out.errors.size(); ++i) CHECK(out.errors[i] == ReadError::OutOfRange);
  CHECK_EQ(out.readings.size() + out.errors.size(), 360u);
  for (size_t i = 0; i < out.readings.size(); ++i) {
    CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
    CHECK(!gone.contains(out.readings[i].takenMs));
    CHECK(fabs(out.readings[i].value - metres.at(out.readings[i].takenMs)) <= 0.001);
  }
  CHECK_EQ(harbor::host::longestStepUs(0), 10L);  // the trigger pulse; the echo is the interrupt's
}
