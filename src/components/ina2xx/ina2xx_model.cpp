#include "ina2xx_model.h"

#include <math.h>
#include <string.h>

namespace harbor {
namespace host {

namespace {

// Rounded to `lsb` steps and held to a signed register's range.
int16_t quantize(double value, double lsb) {
  const double steps = floor(value / lsb + 0.5);
  return static_cast<int16_t>(steps > 32767 ? 32767 : steps < -32768 ? -32768 : steps);
}

// An INA3221 field: 13 signed bits at 15:3.
uint16_t field13(double value, double lsb) {
  const double steps = floor(value / lsb + 0.5);
  const int16_t held = static_cast<int16_t>(steps > 4095 ? 4095 : steps < -4096 ? -4096 : steps);
  return static_cast<uint16_t>(held * 8);
}

// MODE 001-011: a triggered (single-shot) conversion, the same on all three.
bool triggers(uint16_t config) {
  const uint16_t mode = config & 7;
  return mode >= 1 && mode <= 3;
}

}  // namespace

InaModel::InaModel(uint32_t conversionUs, double shuntOhms, const Faults& faults)
    : I2cModel(faults), shuntOhms_(shuntOhms), conversionUs_(conversionUs), pointer_(0), startedAtMs_(0), readyAtMs_(0), converting_(false) {
  memset(regs_, 0, sizeof regs_);
}

platform::BusResult InaModel::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                       uint64_t nowMs) {
  // The results reach the registers when the conversion ends, of the values when it began.
  if (converting_ && nowMs >= readyAtMs_) {
    converting_ = false;
    convert(startedAtMs_);
    ready();
  }
  if (txLength > 0) pointer_ = tx[0];
  if (txLength >= 3) {
    const uint16_t value = static_cast<uint16_t>(tx[1] << 8 | tx[2]);
    // RST (config bit 15) clears itself.
    regs_[pointer_] = pointer_ == ina2xx::kRegConfig ? static_cast<uint16_t>(value & 0x7FFF) : value;
    if (pointer_ == ina2xx::kRegConfig && triggers(value)) {
      startedAtMs_ = nowMs;
      readyAtMs_ = nowMs + (conversionUs_ + 999) / 1000;
      converting_ = true;
    }
  }
  if (rxLength > 0) {
    for (size_t i = 0; i < rxLength; ++i) rx[i] = static_cast<uint8_t>(i == 0 ? regs_[pointer_] >> 8 : i == 1 ? regs_[pointer_] : 0xFF);
    wasRead(pointer_);
  }
  return platform::BusResult::Ok;
}

// INA219: shunt in 10 uV, bus in 4 mV at bits 15:3 with CNVR (bit 1) cleared by reading power.

Ina219Model::Ina219Model(const Wave& busVolts, const Wave& amps, double shuntOhms, const Faults& faults)
    : InaModel(1064, shuntOhms, faults), bus_(busVolts), amps_(amps) {
  regs_[ina2xx::kRegConfig] = 0x399F;  // the power-on default
}

void Ina219Model::convert(uint64_t atMs) {
  const int16_t shunt = quantize(amps_.at(atMs) * shuntOhms_, 10e-6);
  const uint16_t bus = static_cast<uint16_t>(quantize(bus_.at(atMs), 0.004)) << 3;
  const int16_t current = ina2xx::ina219CurrentRegister(shunt, regs_[ina2xx::kRegCalibration]);
  regs_[ina2xx::kRegShunt] = static_cast<uint16_t>(shunt);
  regs_[ina2xx::kRegCurrent] = static_cast<uint16_t>(current);
  regs_[ina2xx::kRegPower] = ina2xx::ina219PowerRegister(current, bus);
  regs_[ina2xx::kRegBus] = bus;
}

void Ina219Model::ready() { regs_[ina2xx::kRegBus] |= ina2xx::kCnvr219; }

void Ina219Model::wasRead(uint8_t reg) {
  if (reg == ina2xx::kRegPower) regs_[ina2xx::kRegBus] &= static_cast<uint16_t>(~ina2xx::kCnvr219);
}

// INA226: shunt in 2.5 uV, bus in 1.25 mV; CVRF in mask/enable, cleared by reading it.

Ina226Model::Ina226Model(const Wave& busVolts, const Wave& amps, double shuntOhms, const Faults& faults)
    : InaModel(2200, shuntOhms, faults), bus_(busVolts), amps_(amps) {
  regs_[ina2xx::kRegConfig] = 0x4127;
  regs_[ina2xx::kRegManufacturerId] = ina2xx::kTexasInstruments;
  regs_[ina2xx::kRegDieId] = ina2xx::kDie226;
}

void Ina226Model::convert(uint64_t atMs) {
  const int16_t shunt = quantize(amps_.at(atMs) * shuntOhms_, 2.5e-6);
  const uint16_t bus = static_cast<uint16_t>(quantize(bus_.at(atMs), 0.00125));
  const int16_t current = ina2xx::ina226CurrentRegister(shunt, regs_[ina2xx::kRegCalibration]);
  regs_[ina2xx::kRegShunt] = static_cast<uint16_t>(shunt);
  regs_[ina2xx::kRegBus] = bus;
  regs_[ina2xx::kRegCurrent] = static_cast<uint16_t>(current);
  regs_[ina2xx::kRegPower] = ina2xx::ina226PowerRegister(current, bus);
}

void Ina226Model::ready() { regs_[ina2xx::kRegMaskEnable226] |= ina2xx::kCvrf226; }

void Ina226Model::wasRead(uint8_t reg) {
  if (reg == ina2xx::kRegMaskEnable226) regs_[reg] &= static_cast<uint16_t>(~ina2xx::kCvrf226);
}

// INA3221: per channel shunt in 40 uV and bus in 8 mV, both at bits 15:3; CVRF in 0x0F.

Ina3221Model::Ina3221Model(const Wave& bus1, const Wave& bus2, const Wave& bus3, const Wave& amps1, const Wave& amps2,
                           const Wave& amps3, double shuntOhms, const Faults& faults)
    : InaModel(6600, shuntOhms, faults) {
  bus_[0] = bus1;
  bus_[1] = bus2;
  bus_[2] = bus3;
  amps_[0] = amps1;
  amps_[1] = amps2;
  amps_[2] = amps3;
  regs_[ina2xx::kRegConfig] = 0x7127;
  regs_[ina2xx::kRegManufacturerId] = ina2xx::kTexasInstruments;
  regs_[ina2xx::kRegDieId] = ina2xx::kDie3221;
}

void Ina3221Model::convert(uint64_t atMs) {
  for (int c = 0; c < 3; ++c) {
    regs_[ina2xx::kRegShunt + 2 * c] = field13(amps_[c].at(atMs) * shuntOhms_, 40e-6);
    regs_[ina2xx::kRegBus + 2 * c] = field13(bus_[c].at(atMs), 0.008);
  }
}

void Ina3221Model::ready() { regs_[ina2xx::kRegMaskEnable3221] |= ina2xx::kCvrf3221; }

void Ina3221Model::wasRead(uint8_t reg) {
  if (reg == ina2xx::kRegMaskEnable3221) regs_[reg] &= static_cast<uint16_t>(~ina2xx::kCvrf3221);
}

}  // namespace host
}  // namespace harbor
