#include "harbor/sensors/bh1750.h"

#include <stdio.h>

namespace harbor {
namespace bh1750 {

double countToLux(uint16_t count) { return count / 1.2; }

}  // namespace bh1750

Bh1750::Bh1750(I2cBus& bus, uint8_t address, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs), bus_(bus), address_(address) {
  snprintf(name_, sizeof name_, "bh1750 0x%02x", address);
}

platform::BusResult Bh1750::command(uint8_t opcode) { return bus_.write(address_, &opcode, 1); }

PolledSensor::Result Bh1750::setup(uint64_t) {
  // The chip has no id register: an acknowledged power-on is the sign of it.
  platform::BusResult r = command(bh1750::kPowerOn);
  // MTreg back to its default (a brown-out or another program may have changed it),
  // so count / 1.2 holds.
  if (r == platform::BusResult::Ok) r = command(static_cast<uint8_t>(bh1750::kMtHigh | bh1750::kDefaultMt >> 5));
  if (r == platform::BusResult::Ok) r = command(static_cast<uint8_t>(bh1750::kMtLow | (bh1750::kDefaultMt & 0x1F)));
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return done();
}

PolledSensor::Result Bh1750::start(uint64_t) {
  const platform::BusResult r = command(bh1750::kOneTimeHighRes);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return waitMs(bh1750::kMeasurementMs);
}

PolledSensor::Result Bh1750::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t d[2];
  const platform::BusResult r = bus_.read(address_, d, sizeof d);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const uint16_t count = static_cast<uint16_t>(d[0] << 8 | d[1]);
  // A full-scale count is saturated light: above 54612 lx the value is unknown.
  if (count == 0xFFFF) return fail(ReadError::OutOfRange);
  out.emit(0, bh1750::countToLux(count), takenMs);
  return done();
}

}  // namespace harbor
