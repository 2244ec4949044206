#include "harbor/sensors/tsl2561.h"

#include <math.h>
#include <stdio.h>

namespace harbor {
namespace tsl2561 {

uint32_t integrationUs(uint8_t integ) { return integ == 0 ? 13700 : integ == 1 ? 101000 : 402000; }

uint16_t maxCount(uint8_t integ) { return integ == 0 ? 5047 : integ == 1 ? 37177 : 65535; }

double lux(Package package, uint16_t rawCh0, uint16_t rawCh1, bool gain16, uint8_t integ) {
  double scale = integ == 0 ? 322.0 / 11 : integ == 1 ? 322.0 / 81 : 1.0;
  if (!gain16) scale *= 16;
  const double ch0 = rawCh0 * scale;
  const double ch1 = rawCh1 * scale;
  if (ch0 == 0) return 0;
  const double r = ch1 / ch0;
  if (package == Package::Cs) {
    if (r <= 0.52) return 0.0315 * ch0 - 0.0593 * ch0 * pow(r, 1.4);
    if (r <= 0.65) return 0.0229 * ch0 - 0.0291 * ch1;
    if (r <= 0.80) return 0.0157 * ch0 - 0.0180 * ch1;
    if (r <= 1.30) return 0.00338 * ch0 - 0.00260 * ch1;
    return 0;
  }
  if (r <= 0.50) return 0.0304 * ch0 - 0.062 * ch0 * pow(r, 1.4);
  if (r <= 0.61) return 0.0224 * ch0 - 0.031 * ch1;
  if (r <= 0.80) return 0.0128 * ch0 - 0.0153 * ch1;
  if (r <= 1.30) return 0.00146 * ch0 - 0.00112 * ch1;
  return 0;
}

}  // namespace tsl2561

Tsl2561::Tsl2561(I2cBus& bus, uint8_t address, uint32_t intervalMs, bool gain16, uint8_t integ)
    : PolledSensor(name_, intervalMs),
      bus_(bus),
      address_(address),
      gain16_(gain16),
      integ_(integ > 2 ? 2 : integ),
      package_(tsl2561::Package::T) {
  snprintf(name_, sizeof name_, "tsl2561 0x%02x", address);
}

platform::BusResult Tsl2561::write(uint8_t reg, uint8_t value) {
  return bus_.writeRegister(address_, static_cast<uint8_t>(tsl2561::kCommand | reg), value);
}

platform::BusResult Tsl2561::readWord(uint8_t reg, uint16_t* value) {
  uint8_t d[2];
  const platform::BusResult r =
      bus_.readRegisters(address_, static_cast<uint8_t>(tsl2561::kCommand | tsl2561::kWord | reg), d, sizeof d);
  *value = static_cast<uint16_t>(d[0] | d[1] << 8);  // low byte first
  return r;
}

PolledSensor::Result Tsl2561::setup(uint64_t) {
  // Powered up, the control register reads back 0x03 (datasheet "Control Register"); then the
  // part number: 0000/0001 CS package, 0100/0101 T, FN and CL.
  platform::BusResult r = write(tsl2561::kRegControl, tsl2561::kPowerUp);
  uint8_t control = 0;
  uint8_t id = 0;
  if (r == platform::BusResult::Ok) {
    r = bus_.readRegisters(address_, static_cast<uint8_t>(tsl2561::kCommand | tsl2561::kRegControl), &control, 1);
  }
  if (r == platform::BusResult::Ok) {
    r = bus_.readRegisters(address_, static_cast<uint8_t>(tsl2561::kCommand | tsl2561::kRegId), &id, 1);
  }
  if (r == platform::BusResult::Ok) {
    r = write(tsl2561::kRegTiming, static_cast<uint8_t>((gain16_ ? tsl2561::kGain16 : 0) | integ_));
  }
  if (r == platform::BusResult::Ok) r = write(tsl2561::kRegControl, 0x00);  // down until the first slot
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const uint8_t part = static_cast<uint8_t>(id >> 4);
  if ((control & 0x03) != tsl2561::kPowerUp || (part != 0 && part != 1 && part != 4 && part != 5)) {
    return fail(ReadError::Absent);
  }
  package_ = (part & 0x4) ? tsl2561::Package::T : tsl2561::Package::Cs;
  return done();
}

PolledSensor::Result Tsl2561::start(uint64_t) {
  // Down first: if the last power-down was lost, powering up again still starts a fresh integration.
  platform::BusResult r = write(tsl2561::kRegControl, 0x00);
  if (r == platform::BusResult::Ok) r = write(tsl2561::kRegControl, tsl2561::kPowerUp);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  // The integration runs on the chip's oscillator: allow 10 % and a millisecond beyond nominal.
  const uint32_t us = tsl2561::integrationUs(integ_);
  return waitMs((us + us / 10) / 1000 + 1);
}

PolledSensor::Result Tsl2561::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint16_t ch0 = 0;
  uint16_t ch1 = 0;
  platform::BusResult r = readWord(tsl2561::kRegData0, &ch0);
  if (r == platform::BusResult::Ok) r = readWord(tsl2561::kRegData1, &ch1);
  if (r == platform::BusResult::Ok) r = write(tsl2561::kRegControl, 0x00);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  // A saturated channel makes the ratio, and so the lux, meaningless.
  const uint16_t most = tsl2561::maxCount(integ_);
  if (ch0 >= most || ch1 >= most) return fail(ReadError::OutOfRange);
  out.emit(0, tsl2561::lux(package_, ch0, ch1, gain16_, integ_), takenMs);
  return done();
}

}  // namespace harbor
