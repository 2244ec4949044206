// INA219, INA226, INA3221: the datasheets' worked examples of calibration,
// current and power and their register formats, then each driver against its
// host model through faults.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "harbor/sensors/ina2xx.h"
#include "ina2xx_model.h"
#include "sensor_faults.h"

using harbor::I2cBus;
using harbor::Ina219;
using harbor::Ina226;
using harbor::Ina3221;
using harbor::host::Faults;
using harbor::host::Wave;

namespace {

const Wave kTwelveVolts = {12.0, 0, 0, 0};
const Wave kAmps219 = {1.0, 0.5, 900000, 0};
const Wave kAmps226 = {0.4, 0.2, 900000, 0};

bool near(double a, double b, double within) { return fabs(a - b) <= within; }

// Within the resolution the catalogue states: bus voltage, current, power.
struct Within {
  const Wave* waves[3];
  double resolution[3];
  bool operator()(const fake::Emitted& e) const {
    const double expected = e.channel == 2 ? waves[0]->at(e.takenMs) * waves[1]->at(e.takenMs) : waves[e.channel]->at(e.takenMs);
    return near(e.value, expected, resolution[e.channel]);
  }
};

}  // namespace

TEST_CASE("ina219: the datasheet's configure/measure/calculate example, 10 A and 119.8 W") {
  // INA219 datasheet SBOS448, section 8.5.1 table: 10 A load, 12 V, 2 mOhm shunt, Current_LSB 1 mA:
  // Calibration 5000h (20480), Shunt 07D0h, Bus 5D98h (11.98 V), Current 2710h (10.0 A),
  // Power 1766h (5990 x 20 mW = 119.8 W).
  CHECK_EQ(harbor::ina2xx::ina219Calibration(0.001, 0.002), 0x5000u);
  CHECK_EQ(harbor::ina2xx::ina219CurrentRegister(0x07D0, 0x5000), 0x2710);
  CHECK_EQ(harbor::ina2xx::ina219PowerRegister(0x2710, 0x5D98), 0x1766u);
  CHECK(near(harbor::ina2xx::ina219BusVolts(0x5D98), 11.98, 1e-9));
  // Equation 2: Current_LSB = Maximum Expected Current / 2^15.
  CHECK(near(harbor::ina2xx::currentLsbFor(3.2768), 0.0001, 1e-12));
}

TEST_CASE("ina226: the datasheet's example, 10 A and 119.8 W") {
  // INA226 datasheet SBOS547, section 7.5 (calculating current and power): 10 A, 2 mOhm, Current_LSB 1 mA:
  // CAL 0A00h (2560), Shunt 1F40h (8000 x 2.5 uV = 20 mV), Bus 2570h (9584 x 1.25 mV = 11.98 V),
  // Current 2710h (10 A), Power 12B8h (4792 x 25 mW = 119.8 W).
  CHECK_EQ(harbor::ina2xx::ina226Calibration(0.001, 0.002), 0x0A00u);
  CHECK_EQ(harbor::ina2xx::ina226CurrentRegister(0x1F40, 0x0A00), 0x2710);
  CHECK_EQ(harbor::ina2xx::ina226PowerRegister(0x2710, 0x2570), 0x12B8u);
}

TEST_CASE("ina3221: register formats, 40 uV and 8 mV steps at bits 15:3") {
  // INA3221 datasheet SBOS576, shunt- and bus-voltage registers: full scale 7FF8h is
  // 163.8 mV and 32.76 V; 8000h is -163.84 mV.
  CHECK(near(harbor::ina2xx::ina3221ShuntVolts(0x7FF8), 0.1638, 1e-9));
  CHECK(near(harbor::ina2xx::ina3221ShuntVolts(0x8000), -0.16384, 1e-9));
  CHECK(near(harbor::ina2xx::ina3221ShuntVolts(0x0008), 40e-6, 1e-12));
  CHECK(near(harbor::ina2xx::ina3221BusVolts(0x7FF8), 32.76, 1e-9));
}

TEST_CASE("ina219 and ina226: the driver reads the model's voltage, current and power, calibrated from shunt and maximum") {
  fake::reset();
  harbor::host::detachAllModels();
  harbor::host::Ina219Model m219(kTwelveVolts, kAmps219, 0.1, Faults());
  harbor::host::Ina226Model m226(kTwelveVolts, kAmps226, 0.1, Faults());
  harbor::host::attachI2c(0, 0x40, &m219);
  harbor::host::attachI2c(0, 0x41, &m226);
  I2cBus bus(0, 21, 22, 400000);
  Ina219 s219(bus, 0x40, 10000, 0.1, 3.2);
  Ina226 s226(bus, 0x41, 10000, 0.1, 0.8);
  const Within ok219 = {{&kTwelveVolts, &kAmps219, 0}, {0.004, 0.0002, 0.006}};
  const Within ok226 = {{&kTwelveVolts, &kAmps226, 0}, {0.00125, 0.0001, 0.002}};
  fake::Capture out219;
  fake::runComponent(s219, out219, 600000);
  CHECK_EQ(out219.readings.size(), 180u);
  CHECK(out219.errors.empty());
  for (size_t i = 0; i < out219.readings.size(); ++i) CHECK(ok219(out219.readings[i]));
  fake::reset();
  fake::Capture out226;
  fake::runComponent(s226, out226, 600000);
  CHECK_EQ(out226.readings.size(), 180u);
  CHECK(out226.errors.empty());
  for (size_t i = 0; i < out226.readings.size(); ++i) CHECK(ok226(out226.readings[i]));
  // A 10 mOhm shunt for 8 A on an INA219: the calibration follows the options.
  fake::reset();
  harbor::host::detachAllModels();
  const Wave fiveAmps = {5.0, 2.0, 900000, 0};
  harbor::host::Ina219Model big(kTwelveVolts, fiveAmps, 0.01, Faults());
  harbor::host::attachI2c(0, 0x44, &big);
  Ina219 sBig(bus, 0x44, 10000, 0.01, 8);
  fake::Capture outBig;
  fake::runComponent(sBig, outBig, 120000);
  CHECK_EQ(outBig.readings.size(), 36u);
  const Within okBig = {{&kTwelveVolts, &fiveAmps, 0}, {0.004, 0.0015, 0.05}};
  for (size_t i = 0; i < outBig.readings.size(); ++i) CHECK(okBig(outBig.readings[i]));
}

TEST_CASE("ina3221: the driver reads the model's three voltages and currents") {
  fake::reset();
  harbor::host::detachAllModels();
  const Wave bus[3] = {{12.0, 0.5, 600000, 0}, {5.0, 0.2, 700000, 0}, {3.3, 0.1, 800000, 0}};
  const Wave amps[3] = {{0.5, 0.3, 900000, 0}, {0.2, 0.1, 1000000, 0}, {-0.1, 0.05, 1100000, 0}};
  harbor::host::Ina3221Model model(bus[0], bus[1], bus[2], amps[0], amps[1], amps[2], 0.1, Faults());
  harbor::host::attachI2c(0, 0x42, &model);
  I2cBus i2c(0, 21, 22, 400000);
  Ina3221 sensor(i2c, 0x42, 10000, 0.1);
  fake::Capture out;
  fake::runComponent(sensor, out, 600000);
  CHECK_EQ(out.readings.size(), 360u);
  CHECK(out.errors.empty());
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    const double expected = e.channel < 3 ? bus[e.channel].at(e.takenMs) : amps[e.channel - 3].at(e.takenMs);
    CHECK(near(e.value, expected, e.channel < 3 ? 0.008 : 0.0004));
  }
  // Unplugged, then NACKs.
  const auto ok = [&](const fake::Emitted& e) {
    return near(e.value, e.channel < 3 ? bus[e.channel].at(e.takenMs) : amps[e.channel - 3].at(e.takenMs), e.channel < 3 ? 0.008 : 0.0004);
  };
  fake::reset();
  Ina3221 again(i2c, 0x42, 10000, 0.1);
  fake::checkUnplugged(again, model.faults, 10000, 6, ok);
  fake::reset();
  Ina3221 third(i2c, 0x42, 10000, 0.1);
  fake::checkNacks(third, model.faults, 10000, 6, ok);
}

TEST_CASE("ina219 and ina226: unplugged, then NACKs now and then: lost slots counted, never a wrong value") {
  fake::reset();
  harbor::host::detachAllModels();
  harbor::host::Ina219Model m219(kTwelveVolts, kAmps219, 0.1, Faults());
  harbor::host::Ina226Model m226(kTwelveVolts, kAmps226, 0.1, Faults());
  harbor::host::attachI2c(0, 0x40, &m219);
  harbor::host::attachI2c(0, 0x41, &m226);
  I2cBus bus(0, 21, 22, 400000);
  const Within ok219 = {{&kTwelveVolts, &kAmps219, 0}, {0.004, 0.0002, 0.006}};
  const Within ok226 = {{&kTwelveVolts, &kAmps226, 0}, {0.00125, 0.0001, 0.002}};
  Ina219 a(bus, 0x40, 10000, 0.1, 3.2);
  fake::checkUnplugged(a, m219.faults, 10000, 3, ok219);
  fake::reset();
  Ina219 b(bus, 0x40, 10000, 0.1, 3.2);
  fake::checkNacks(b, m219.faults, 10000, 3, ok219);
  fake::reset();
  Ina226 c(bus, 0x41, 10000, 0.1, 0.8);
  fake::checkUnplugged(c, m226.faults, 10000, 3, ok226);
  fake::reset();
  Ina226 d(bus, 0x41, 10000, 0.1, 0.8);
  fake::checkNacks(d, m226.faults, 10000, 3, ok226);
}

// The model takes its registers from ina2xx.h: a wrong address there would be
// copied by it, so each one the driver uses is pinned to the datasheets' register maps.
TEST_CASE("ina2xx: the driver's registers are the datasheets' (INA219 SBOS448, INA226 SBOS547, INA3221 SBOS576 register maps)") {
  namespace n = harbor::ina2xx;
  // INA219 and INA226: configuration, shunt voltage, bus voltage, power, current, calibration.
  CHECK_EQ(n::kRegConfig, 0x00);
  CHECK_EQ(n::kRegShunt, 0x01);  // INA3221: channel-1 shunt; 0x02 its bus, ..., 0x06 channel-3 bus
  CHECK_EQ(n::kRegBus, 0x02);
  CHECK_EQ(n::kRegPower, 0x03);
  CHECK_EQ(n::kRegCurrent, 0x04);
  CHECK_EQ(n::kRegCalibration, 0x05);
  CHECK_EQ(n::kRegMaskEnable226, 0x06);
  CHECK_EQ(n::kRegMaskEnable3221, 0x0F);
  CHECK_EQ(n::kRegManufacturerId, 0xFE);  // INA226 and INA3221
  CHECK_EQ(n::kRegDieId, 0xFF);
  CHECK_EQ(n::kTexasInstruments, 0x5449);
  CHECK_EQ(n::kDie226, 0x2260);           // DID 0x226, RID 0
  CHECK_EQ(n::kDie3221, 0x3220);
  CHECK_EQ(n::kCnvr219, 0x0002);          // INA219 bus voltage register: CNVR bit 1, OVF bit 0
  CHECK_EQ(n::kOvf219, 0x0001);
  CHECK_EQ(n::kCvrf226, 0x0008);          // INA226 mask/enable: CVRF bit 3
  CHECK_EQ(n::kCvrf3221, 0x0001);         // INA3221 mask/enable: CVRF bit 0
}
