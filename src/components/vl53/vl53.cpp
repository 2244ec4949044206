#include "harbor/sensors/vl53.h"

namespace harbor {

namespace {

// Timing budgets of the defaults (about 33 ms on the VL53L0X, 50 ms on the
// VL53L1X), then a poll every 5 ms, given up after twice the budget.
const uint32_t kL0BudgetMs = 33;
const uint32_t kL1BudgetMs = 50;
const uint32_t kPollMs = 5;
const uint8_t kMaxPolls = 20;

// The VL53L0X's stop variable sits behind a page switch (ST API, VL53L0X_DataInit).
const uint8_t kL0PageIn[][2] = {{0x88, 0x00}, {0x80, 0x01}, {0xFF, 0x01}, {0x00, 0x00}};
const uint8_t kL0PageOut[][2] = {{0x00, 0x01}, {0xFF, 0x00}, {0x80, 0x00}};
const uint8_t kL0StopVariable = 0x91;

}  // namespace

Vl53::Vl53(I2cBus& bus, Variant variant, uint32_t intervalMs)
    : PolledSensor(variant == Variant::L0x ? "vl53l0x 0x29" : "vl53l1x 0x29", intervalMs), bus_(bus), variant_(variant),
      stopVariable_(0), polls_(0) {}

platform::BusResult Vl53::read16(uint16_t reg, uint8_t* data, size_t length) {
  const uint8_t address[2] = {static_cast<uint8_t>(reg >> 8), static_cast<uint8_t>(reg)};
  return bus_.writeRead(vl53::kAddress, address, 2, data, length);
}

platform::BusResult Vl53::write16(uint16_t reg, uint8_t value) {
  const uint8_t bytes[3] = {static_cast<uint8_t>(reg >> 8), static_cast<uint8_t>(reg), value};
  return bus_.write(vl53::kAddress, bytes, 3);
}

PolledSensor::Result Vl53::setup(uint64_t) {
  platform::BusResult r;
  if (variant_ == Variant::L0x) {
    uint8_t id = 0;
    r = bus_.readRegisters(vl53::kAddress, vl53::kL0ModelId, &id, 1);
    if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
    if (id != vl53::kL0ModelIdValue) return fail(ReadError::Absent);
    for (size_t i = 0; r == platform::BusResult::Ok && i < sizeof kL0PageIn / sizeof kL0PageIn[0]; ++i) {
      r = bus_.writeRegister(vl53::kAddress, kL0PageIn[i][0], kL0PageIn[i][1]);
    }
    if (r == platform::BusResult::Ok) r = bus_.readRegisters(vl53::kAddress, kL0StopVariable, &stopVariable_, 1);
    for (size_t i = 0; r == platform::BusResult::Ok && i < sizeof kL0PageOut / sizeof kL0PageOut[0]; ++i) {
      r = bus_.writeRegister(vl53::kAddress, kL0PageOut[i][0], kL0PageOut[i][1]);
    }
    if (r == platform::BusResult::Ok) r = bus_.writeRegister(vl53::kAddress, vl53::kL0InterruptConfigGpio, 0x04);
    return r == platform::BusResult::Ok ? done() : failFromBus(static_cast<uint8_t>(r));
  }
  uint8_t id[2] = {0, 0};
  uint8_t booted = 0;
  r = read16(vl53::kL1ModelId, id, 2);
  if (r == platform::BusResult::Ok) r = read16(vl53::kL1SystemStatus, &booted, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if ((id[0] << 8 | id[1]) != vl53::kL1ModelIdValue) return fail(ReadError::Absent);
  return (booted & 0x01) ? done() : waitMs(kPollMs);  // still booting: come back
}

PolledSensor::Result Vl53::start(uint64_t) {
  platform::BusResult r;
  polls_ = 0;
  if (variant_ == Variant::L1x) {
    r = write16(vl53::kL1ModeStart, 0x10);
    return r == platform::BusResult::Ok ? waitMs(kL1BudgetMs) : failFromBus(static_cast<uint8_t>(r));
  }
  // ST API's single ranging: the stop variable written behind the page switch, then SYSRANGE_START.
  r = bus_.writeRegister(vl53::kAddress, 0x80, 0x01);
  if (r == platform::BusResult::Ok) r = bus_.writeRegister(vl53::kAddress, 0xFF, 0x01);
  if (r == platform::BusResult::Ok) r = bus_.writeRegister(vl53::kAddress, 0x00, 0x00);
  if (r == platform::BusResult::Ok) r = bus_.writeRegister(vl53::kAddress, kL0StopVariable, stopVariable_);
  for (size_t i = 0; r == platform::BusResult::Ok && i < sizeof kL0PageOut / sizeof kL0PageOut[0]; ++i) {
    r = bus_.writeRegister(vl53::kAddress, kL0PageOut[i][0], kL0PageOut[i][1]);
  }
  if (r == platform::BusResult::Ok) r = bus_.writeRegister(vl53::kAddress, vl53::kL0SysrangeStart, 0x01);
  return r == platform::BusResult::Ok ? waitMs(kL0BudgetMs) : failFromBus(static_cast<uint8_t>(r));
}

PolledSensor::Result Vl53::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  const bool l0 = variant_ == Variant::L0x;
  uint8_t flag = 0;
  platform::BusResult r = l0 ? bus_.readRegisters(vl53::kAddress, vl53::kL0ResultInterruptStatus, &flag, 1)
                             : read16(vl53::kL1GpioTioHvStatus, &flag, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const bool ready = l0 ? (flag & 0x07) != 0 : (flag & 0x01) == 0;
  if (!ready) {
    if (++polls_ > kMaxPolls) return fail(ReadError::Timeout);
    return waitMs(kPollMs);
  }
  uint8_t status = 0;
  uint8_t mm[2] = {0, 0};
  if (l0) {
    uint8_t result[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    r = bus_.readRegisters(vl53::kAddress, vl53::kL0ResultRangeStatus, result, sizeof result);
    status = vl53::l0RangeStatus(result[0]);
    mm[0] = result[10];
    mm[1] = result[11];
    if (r == platform::BusResult::Ok) r = bus_.writeRegister(vl53::kAddress, vl53::kL0InterruptClear, 0x01);
  } else {
    r = read16(vl53::kL1ResultRangeStatus, &status, 1);
    if (r == platform::BusResult::Ok) r = read16(vl53::kL1ResultRangeMm, mm, 2);
    if (r == platform::BusResult::Ok) r = write16(vl53::kL1InterruptClear, 0x01);
    status &= 0x1F;
  }
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const uint16_t distance = static_cast<uint16_t>(mm[0] << 8 | mm[1]);
  // Anything but a valid range (no target, a signal too weak, a wrapped phase) is not a distance.
  if (status != (l0 ? vl53::kL0RangeValid : vl53::kL1RangeValid) || (l0 && distance >= vl53::kL0OutOfRange)) {
    return fail(ReadError::OutOfRange);
  }
  out.emit(0, distance, takenMs);
  return done();
}

}  // namespace harbor
