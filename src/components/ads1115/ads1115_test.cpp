// ADS1115: the datasheet's full-scale/LSB table, output codes and register
// codes, then the driver against the host model through faults.
#include <math.h>

#include "ads1115_model.h"
#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/ads1115.h"
#include "sensor_faults.h"

using harbor::Ads1115;
using harbor::I2cBus;
using harbor::host::Ads1115Model;
using harbor::host::Faults;
using harbor::host::Wave;

namespace {

const Wave kIn[4] = {{1.65, 0.5, 3600000, 0}, {0.8, 0.3, 4000000, 0}, {2.5, 0.4, 4500000, 0}, {0.3, 0.1, 5000000, 0}};

bool near(double a, double b, double within) { return fabs(a - b) <= within; }

// Half a step of the range, and how far the slowest wave moves while the four inputs are converted in turn.
bool within(const fake::Emitted& e, double lsb, uint32_t spanMs) {
  return near(e.value, kIn[e.channel].at(e.takenMs), lsb / 2 + 0.4 * 6.2832 / 3600000 * spanMs + 1e-12);
}

}  // namespace

TEST_CASE("ads1115: full-scale range and LSB size, output codes, configuration codes") {
  // ADS1115 datasheet SBAS444, table "Full-Scale Range and Corresponding LSB Size".
  CHECK(near(harbor::ads1115::volts(1, 6144), 187.5e-6, 1e-12));
  CHECK(near(harbor::ads1115::volts(1, 4096), 125e-6, 1e-12));
  CHECK(near(harbor::ads1115::volts(1, 2048), 62.5e-6, 1e-12));
  CHECK(near(harbor::ads1115::volts(1, 1024), 31.25e-6, 1e-12));
  CHECK(near(harbor::ads1115::volts(1, 512), 15.625e-6, 1e-12));
  CHECK(near(harbor::ads1115::volts(1, 256), 7.8125e-6, 1e-12));
  // Table "Output Codes": +FS (2^15 - 1)/2^15 is 7FFFh, -FS is 8000h, -LSB FFFFh.
  CHECK(near(harbor::ads1115::volts(0x7FFF, 2048), 2.048 * 32767 / 32768, 1e-12));
  CHECK(near(harbor::ads1115::volts(static_cast<int16_t>(0x8000), 2048), -2.048, 1e-12));
  CHECK(near(harbor::ads1115::volts(static_cast<int16_t>(0xFFFF), 2048), -62.5e-6, 1e-12));
  // Config register: the power-on default 8583h is OS 1, MUX 000, PGA 010 (2.048 V), MODE 1,
  // DR 100 (128 SPS), comparator off; MUX 100..111 are AIN0..AIN3 against GND.
  CHECK_EQ(harbor::ads1115::kStart | harbor::ads1115::pgaBits(2048) | harbor::ads1115::kSingleShot |
               harbor::ads1115::rateBits(128) | harbor::ads1115::kComparatorOff, 0x8583);
  CHECK_EQ(harbor::ads1115::pgaBits(6144), 0x0000);
  CHECK_EQ(harbor::ads1115::pgaBits(256), 0x0A00);
  CHECK_EQ(harbor::ads1115::rateBits(8), 0x0000);
  CHECK_EQ(harbor::ads1115::rateBits(860), 0x00E0);
  CHECK_EQ(harbor::ads1115::singleEndedBits(0), 0x4000);
  CHECK_EQ(harbor::ads1115::singleEndedBits(3), 0x7000);
}

TEST_CASE("ads1115: converts the four inputs one a step, at the slowest and fastest data rates") {
  const uint16_t rates[2] = {8, 860};
  for (int k = 0; k < 2; ++k) {
    fake::reset();
    harbor::host::detachAllModels();
    Ads1115Model model(kIn[0], kIn[1], kIn[2], kIn[3], Faults());
    harbor::host::attachI2c(0, 0x48, &model);
    I2cBus bus(0, 21, 22, 400000);
    Ads1115 sensor(bus, 0x48, 10000, 4096, rates[k], 0x0F);
    fake::Capture out;
    fake::runComponent(sensor, out, 600000);
    CHECK_EQ(out.readings.size(), 240u);
    CHECK(out.errors.empty());
    for (size_t i = 0; i < out.readings.size(); ++i) {
      CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
      CHECK(within(out.readings[i], 125e-6, rates[k] == 8 ? 600 : 10));
    }
  }
}

TEST_CASE("ads1115: only the inputs asked for are converted; a full-scale code is refused") {
  fake::reset();
  harbor::host::detachAllModels();
  Ads1115Model model(kIn[0], kIn[1], kIn[2], kIn[3], Faults());
  harbor::host::attachI2c(0, 0x49, &model);
  I2cBus bus(0, 21, 22, 400000);
  Ads1115 sensor(bus, 0x49, 10000, 6144, 128, 0x05);  // AIN0 and AIN2
  fake::Capture out;
  fake::runComponent(sensor, out, 60000);
  CHECK_EQ(out.of(0).size(), 6u);
  CHECK_EQ(out.of(1).size(), 0u);
  CHECK_EQ(out.of(2).size(), 6u);
  CHECK_EQ(out.of(3).size(), 0u);
  for (size_t i = 0; i < out.readings.size(); ++i) CHECK(within(out.readings[i], 187.5e-6, 30));
  // 2.5 V on AIN2 is beyond the 2.048 V range.
  fake::reset();
  Ads1115 narrow(bus, 0x49, 10000, 2048, 128, 0x0F);
  fake::Capture none;
  fake::runComponent(narrow, none, 60000);
  CHECK(none.readings.empty());
  CHECK_EQ(none.errors.size(), 6u);
}

TEST_CASE("ads1115: unplugged, then NACKs now and then: lost slots counted, never a wrong value") {
  fake::reset();
  harbor::host::detachAllModels();
  Ads1115Model model(kIn[0], kIn[1], kIn[2], kIn[3], Faults());
  harbor::host::attachI2c(0, 0x4A, &model);
  I2cBus bus(0, 21, 22, 400000);
  Ads1115 sensor(bus, 0x4A, 10000, 4096, 128, 0x0F);
  const auto ok = [](const fake::Emitted& e) { return within(e, 125e-6, 50); };
  fake::checkUnplugged(sensor, model.faults, 10000, 4, ok);
  fake::reset();
  Ads1115 again(bus, 0x4A, 10000, 4096, 128, 0x0F);
  fake::checkNacks(again, model.faults, 10000, 4, ok);
}
