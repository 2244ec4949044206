#include "harbor/sensors/mcp9808.h"

#include <stdio.h>

namespace harbor {
namespace mcp9808 {

double celsius(uint16_t ambient) {
  const uint8_t upper = static_cast<uint8_t>((ambient >> 8) & 0x1F);  // flags cleared
  const uint8_t lower = static_cast<uint8_t>(ambient);
  if (upper & 0x10) return ((upper & 0x0F) * 16.0 + lower / 16.0) - 256.0;  // below 0 degC
  return upper * 16.0 + lower / 16.0;
}

}  // namespace mcp9808

Mcp9808::Mcp9808(I2cBus& bus, uint8_t address, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs), bus_(bus), address_(address) {
  snprintf(name_, sizeof name_, "mcp9808 0x%02x", address);
}

platform::BusResult Mcp9808::read16(uint8_t reg, uint16_t* value) {
  uint8_t d[2];
  const platform::BusResult r = bus_.readRegisters(address_, reg, d, 2);
  if (r == platform::BusResult::Ok) *value = static_cast<uint16_t>(d[0] << 8 | d[1]);
  return r;
}

PolledSensor::Result Mcp9808::setup(uint64_t) {
  uint16_t manufacturer = 0;
  uint16_t device = 0;
  platform::BusResult r = read16(mcp9808::kRegManufacturerId, &manufacturer);
  if (r == platform::BusResult::Ok) r = read16(mcp9808::kRegDeviceId, &device);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (manufacturer != mcp9808::kManufacturerId || (device >> 8) != mcp9808::kDeviceId) return fail(ReadError::Absent);
  r = bus_.writeRegister(address_, mcp9808::kRegResolution, mcp9808::kResolution0625);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return done();
}

PolledSensor::Result Mcp9808::start(uint64_t) { return done(); }  // converting all the time: read at once

PolledSensor::Result Mcp9808::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint16_t ambient = 0;
  const platform::BusResult r = read16(mcp9808::kRegAmbient, &ambient);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const double celsius = mcp9808::celsius(ambient);
  // Operating range, datasheet section 1: -40..125 degC.
  if (celsius < -40 || celsius > 125) return fail(ReadError::OutOfRange);
  out.emit(0, celsius, takenMs);
  return done();
}

}  // namespace harbor
