#include "harbor/sensors/ina2xx.h"

#include <math.h>
#include <stdio.h>

namespace harbor {
namespace ina2xx {

namespace {

uint16_t calibration(double scale, double currentLsb, double shuntOhms, uint16_t most) {
  const double cal = floor(scale / (currentLsb * shuntOhms));
  return static_cast<uint16_t>(cal < 1 ? 1 : cal > most ? most : cal);
}

int16_t clamp16(int32_t v) { return static_cast<int16_t>(v > 32767 ? 32767 : v < -32768 ? -32768 : v); }

}  // namespace

// The INA219 calibration register's bit 0 is always 0; the INA226's bit 15 is reserved.
uint16_t ina219Calibration(double currentLsb, double shuntOhms) {
  return static_cast<uint16_t>(calibration(0.04096, currentLsb, shuntOhms, 0xFFFE) & 0xFFFE);
}
int16_t ina219CurrentRegister(int16_t shunt, uint16_t cal) { return clamp16(static_cast<int32_t>(shunt) * cal / 4096); }
uint16_t ina219PowerRegister(int16_t current, uint16_t busVoltage) {
  const int32_t p = (current < 0 ? -current : current) * static_cast<int32_t>(busVoltage >> 3) / 5000;
  return static_cast<uint16_t>(p > 0xFFFF ? 0xFFFF : p);
}
double ina219BusVolts(uint16_t reg) { return (reg >> 3) * 0.004; }

uint16_t ina226Calibration(double currentLsb, double shuntOhms) { return calibration(0.00512, currentLsb, shuntOhms, 0x7FFF); }
int16_t ina226CurrentRegister(int16_t shunt, uint16_t cal) { return clamp16(static_cast<int32_t>(shunt) * cal / 2048); }
uint16_t ina226PowerRegister(int16_t current, uint16_t busVoltage) {
  const int32_t p = (current < 0 ? -current : current) * static_cast<int32_t>(busVoltage) / 20000;
  return static_cast<uint16_t>(p > 0xFFFF ? 0xFFFF : p);
}

double ina3221ShuntVolts(uint16_t reg) { return (static_cast<int16_t>(reg) / 8) * 40e-6; }
double ina3221BusVolts(uint16_t reg) { return (static_cast<int16_t>(reg) / 8) * 0.008; }

double currentLsbFor(double maxCurrent) { return maxCurrent / 32768.0; }

}  // namespace ina2xx

namespace {

const uint8_t kMaxPolls = 5;
const uint32_t kPollMs = 1;

// Triggered shunt and bus (MODE 011); INA226/INA3221 conversion times 1.1 ms (100) and no averaging.
const uint16_t kTriggered = 0x0003;
const uint16_t kCt1100us = 0x0100 | 0x0020;  // VBUSCT, VSHCT

}  // namespace

InaSensor::InaSensor(I2cBus& bus, uint8_t address, uint32_t intervalMs, const char* kind, uint32_t conversionMs)
    : PolledSensor(name_, intervalMs), bus_(bus), address_(address), conversionMs_(conversionMs), polls_(0) {
  snprintf(name_, sizeof name_, "%s 0x%02x", kind, address);
}

platform::BusResult InaSensor::read16(uint8_t reg, uint16_t* value) {
  uint8_t d[2] = {0, 0};
  const platform::BusResult r = bus_.readRegisters(address_, reg, d, sizeof d);
  *value = static_cast<uint16_t>(d[0] << 8 | d[1]);  // MSB first
  return r;
}

platform::BusResult InaSensor::write16(uint8_t reg, uint16_t value) {
  const uint8_t d[3] = {reg, static_cast<uint8_t>(value >> 8), static_cast<uint8_t>(value)};
  return bus_.write(address_, d, sizeof d);
}

PolledSensor::Result InaSensor::trigger(uint16_t config) {
  const platform::BusResult r = write16(ina2xx::kRegConfig, config);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  polls_ = 0;
  return waitMs(conversionMs_);
}

PolledSensor::Result InaSensor::notReady() {
  if (++polls_ > kMaxPolls) return fail(ReadError::Timeout);
  return waitMs(kPollMs);
}

// INA219 ---------------------------------------------------------------------

namespace {

// The smallest PGA range (40, 80, 160, 320 mV: PG /1../8) that holds the largest shunt voltage.
uint16_t ina219Pga(double shuntVolts) {
  if (shuntVolts <= 0.04) return 0;
  if (shuntVolts <= 0.08) return 1;
  if (shuntVolts <= 0.16) return 2;
  return 3;
}

}  // namespace

// 12-bit ADCs (BADC = SADC = 0011: 532 us each, 586 us at most), 32 V bus range.
Ina219::Ina219(I2cBus& bus, uint8_t address, uint32_t intervalMs, double shuntOhms, double maxCurrent)
    : InaSensor(bus, address, intervalMs, "ina219", 2),
      config_(static_cast<uint16_t>(0x2000 | ina219Pga(shuntOhms * maxCurrent) << 11 | 0x0180 | 0x0018 | kTriggered)),
      calibration_(ina2xx::ina219Calibration(ina2xx::currentLsbFor(maxCurrent), shuntOhms)),
      // The step the truncated calibration really gives.
      currentLsb_(0.04096 / (calibration_ * shuntOhms)) {}

PolledSensor::Result Ina219::setup(uint64_t) {
  // No id register: a configuration and calibration that read back as written are the sign of it.
  platform::BusResult r = write16(ina2xx::kRegConfig, static_cast<uint16_t>(config_ & ~0x7));  // power-down
  uint16_t config = 0;
  uint16_t cal = 0;
  if (r == platform::BusResult::Ok) r = write16(ina2xx::kRegCalibration, calibration_);
  if (r == platform::BusResult::Ok) r = read16(ina2xx::kRegConfig, &config);
  if (r == platform::BusResult::Ok) r = read16(ina2xx::kRegCalibration, &cal);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (config != (config_ & ~0x7) || cal != calibration_) return fail(ReadError::Absent);
  return done();
}

PolledSensor::Result Ina219::start(uint64_t) { return trigger(config_); }

PolledSensor::Result Ina219::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint16_t busReg = 0;
  platform::BusResult r = read16(ina2xx::kRegBus, &busReg);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!(busReg & ina2xx::kCnvr219)) return notReady();
  uint16_t current = 0;
  uint16_t power = 0;
  r = read16(ina2xx::kRegCurrent, &current);
  if (r == platform::BusResult::Ok) r = read16(ina2xx::kRegPower, &power);  // clears CNVR
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  // OVF: the current or power is beyond what the registers hold (section 8.6.3.2).
  if (busReg & ina2xx::kOvf219) return fail(ReadError::OutOfRange);
  out.emit(0, ina2xx::ina219BusVolts(busReg), takenMs);
  out.emit(1, static_cast<int16_t>(current) * currentLsb_, takenMs);
  out.emit(2, power * 20 * currentLsb_, takenMs);  // Power_LSB = 20 x Current_LSB
  return done();
}

// INA226 ---------------------------------------------------------------------

// Both conversions 1.1 ms, no averaging: 2.2 ms, 10 % tolerance.
Ina226::Ina226(I2cBus& bus, uint8_t address, uint32_t intervalMs, double shuntOhms, double maxCurrent)
    : InaSensor(bus, address, intervalMs, "ina226", 3),
      calibration_(ina2xx::ina226Calibration(ina2xx::currentLsbFor(maxCurrent), shuntOhms)),
      currentLsb_(0.00512 / (calibration_ * shuntOhms)) {}

PolledSensor::Result Ina226::setup(uint64_t) {
  uint16_t maker = 0;
  uint16_t die = 0;
  platform::BusResult r = read16(ina2xx::kRegManufacturerId, &maker);
  if (r == platform::BusResult::Ok) r = read16(ina2xx::kRegDieId, &die);
  if (r == platform::BusResult::Ok && maker == ina2xx::kTexasInstruments && (die & 0xFFF0) == ina2xx::kDie226) {
    r = write16(ina2xx::kRegCalibration, calibration_);
  }
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (maker != ina2xx::kTexasInstruments || (die & 0xFFF0) != ina2xx::kDie226) return fail(ReadError::Absent);
  return done();
}

PolledSensor::Result Ina226::start(uint64_t) { return trigger(0x4000 | kCt1100us | kTriggered); }

PolledSensor::Result Ina226::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint16_t flags = 0;
  platform::BusResult r = read16(ina2xx::kRegMaskEnable226, &flags);  // reading clears CVRF
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!(flags & ina2xx::kCvrf226)) return notReady();
  uint16_t busReg = 0;
  uint16_t current = 0;
  uint16_t power = 0;
  r = read16(ina2xx::kRegBus, &busReg);
  if (r == platform::BusResult::Ok) r = read16(ina2xx::kRegCurrent, &current);
  if (r == platform::BusResult::Ok) r = read16(ina2xx::kRegPower, &power);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  // OVF (mask/enable bit 2): the power calculation overflowed.
  if (flags & 0x0004) return fail(ReadError::OutOfRange);
  out.emit(0, busReg * 0.00125, takenMs);
  out.emit(1, static_cast<int16_t>(current) * currentLsb_, takenMs);
  out.emit(2, power * 25 * currentLsb_, takenMs);  // Power_LSB = 25 x Current_LSB
  return done();
}

// INA3221 --------------------------------------------------------------------

// Three channels, shunt and bus each at 1.1 ms: 6.6 ms, 10 % tolerance.
Ina3221::Ina3221(I2cBus& bus, uint8_t address, uint32_t intervalMs, double shuntOhms)
    : InaSensor(bus, address, intervalMs, "ina3221", 8), shuntOhms_(shuntOhms) {}

PolledSensor::Result Ina3221::setup(uint64_t) {
  uint16_t maker = 0;
  uint16_t die = 0;
  platform::BusResult r = read16(ina2xx::kRegManufacturerId, &maker);
  if (r == platform::BusResult::Ok) r = read16(ina2xx::kRegDieId, &die);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (maker != ina2xx::kTexasInstruments || die != ina2xx::kDie3221) return fail(ReadError::Absent);
  return done();
}

PolledSensor::Result Ina3221::start(uint64_t) { return trigger(0x7000 | kCt1100us | kTriggered); }

PolledSensor::Result Ina3221::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint16_t flags = 0;
  platform::BusResult r = read16(ina2xx::kRegMaskEnable3221, &flags);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!(flags & ina2xx::kCvrf3221)) return notReady();
  uint16_t regs[6];
  for (uint8_t i = 0; i < 6 && r == platform::BusResult::Ok; ++i) r = read16(static_cast<uint8_t>(ina2xx::kRegShunt + i), &regs[i]);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  for (uint8_t c = 0; c < 3; ++c) out.emit(c, ina2xx::ina3221BusVolts(regs[2 * c + 1]), takenMs);
  for (uint8_t c = 0; c < 3; ++c) out.emit(static_cast<uint8_t>(3 + c), ina2xx::ina3221ShuntVolts(regs[2 * c]) / shuntOhms_, takenMs);
  return done();
}

}  // namespace harbor
