// TI INA219, INA226 and INA3221 current and power monitors over I2C, in
// triggered mode: each slot writes the configuration to start one shunt and
// bus conversion, and reads the results once the conversion-ready flag is set
// after the datasheet's conversion time. INA219 and INA226 are calibrated so
// their current and power registers count in known steps; the INA3221 has
// shunt voltages only, divided here by the shunt resistance.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace ina2xx {

const uint8_t kRegConfig = 0x00;
const uint8_t kRegShunt = 0x01;
const uint8_t kRegBus = 0x02;
const uint8_t kRegPower = 0x03;
const uint8_t kRegCurrent = 0x04;
const uint8_t kRegCalibration = 0x05;
const uint8_t kRegMaskEnable226 = 0x06;
const uint8_t kRegMaskEnable3221 = 0x0F;
const uint8_t kRegManufacturerId = 0xFE;
const uint8_t kRegDieId = 0xFF;
const uint16_t kTexasInstruments = 0x5449;  // "TI"
const uint16_t kDie226 = 0x2260;
const uint16_t kDie3221 = 0x3220;
const uint16_t kCnvr219 = 0x0002;   // bus voltage register: conversion ready
const uint16_t kOvf219 = 0x0001;    // ... math overflow
const uint16_t kCvrf226 = 0x0008;   // mask/enable: conversion ready
const uint16_t kCvrf3221 = 0x0001;

// INA219 datasheet SBOS448, section 8.5.1: Cal = trunc(0.04096 / (Current_LSB x R_shunt)).
uint16_t ina219Calibration(double currentLsb, double shuntOhms);
// What the INA219 computes: Current = Shunt x Cal / 4096, Power = Current x Bus / 5000 (register units).
int16_t ina219CurrentRegister(int16_t shunt, uint16_t calibration);
uint16_t ina219PowerRegister(int16_t current, uint16_t busVoltage);
// Bus voltage register to volts: bits 15:3 in 4 mV steps.
double ina219BusVolts(uint16_t reg);
// INA226 datasheet SBOS547, section 7.5: CAL = 0.00512 / (Current_LSB x R_shunt);
// Current = Shunt x CAL / 2048, Power = Current x Bus / 20000.
uint16_t ina226Calibration(double currentLsb, double shuntOhms);
int16_t ina226CurrentRegister(int16_t shunt, uint16_t calibration);
uint16_t ina226PowerRegister(int16_t current, uint16_t busVoltage);
// INA3221 datasheet SBOS576: shunt bits 15:3 in 40 uV steps, bus bits 15:3 in 8 mV steps.
double ina3221ShuntVolts(uint16_t reg);
double ina3221BusVolts(uint16_t reg);
// Section 8.5.1 (INA219) and 7.5 (INA226): the smallest current step that covers
// the largest expected current, Current_LSB = max / 2^15.
double currentLsbFor(double maxCurrent);

}  // namespace ina2xx

// The steps every triggered INA reading shares: start, wait, poll the ready flag.
class InaSensor : public PolledSensor {
 protected:
  InaSensor(I2cBus& bus, uint8_t address, uint32_t intervalMs, const char* kind, uint32_t conversionMs);
  platform::BusResult read16(uint8_t reg, uint16_t* value);
  platform::BusResult write16(uint8_t reg, uint16_t value);
  // Writes `config` (its mode triggers a conversion) and waits the conversion time.
  Result trigger(uint16_t config);
  // Wait while `ready` is false, a few polls at most.
  Result notReady();

  I2cBus& bus_;
  uint8_t address_;
  uint32_t conversionMs_;
  uint8_t polls_;
  char name_[16];
};

class Ina219 : public InaSensor {
 public:
  // Channels: bus voltage (V), current (A), power (W).
  Ina219(I2cBus& bus, uint8_t address, uint32_t intervalMs, double shuntOhms, double maxCurrent);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  uint16_t config_;
  uint16_t calibration_;
  double currentLsb_;
};

class Ina226 : public InaSensor {
 public:
  // Channels: bus voltage (V), current (A), power (W).
  Ina226(I2cBus& bus, uint8_t address, uint32_t intervalMs, double shuntOhms, double maxCurrent);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  uint16_t calibration_;
  double currentLsb_;
};

class Ina3221 : public InaSensor {
 public:
  // Channels: bus voltage 1..3 (V), then current 1..3 (A), one shunt value for all three.
  Ina3221(I2cBus& bus, uint8_t address, uint32_t intervalMs, double shuntOhms);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  double shuntOhms_;
};

}  // namespace harbor
