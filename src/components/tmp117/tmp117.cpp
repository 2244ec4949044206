#include "harbor/sensors/tmp117.h"

#include <stdio.h>

namespace harbor {
namespace tmp117 {

double celsius(uint16_t raw) { return static_cast<int16_t>(raw) * 0.0078125; }

}  // namespace tmp117

namespace {
// Not ready 50 ms after the datasheet's time: something is wrong.
const uint8_t kMaxReadyPolls = 10;
}  // namespace

Tmp117::Tmp117(I2cBus& bus, uint8_t address, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs), bus_(bus), address_(address), polls_(0) {
  snprintf(name_, sizeof name_, "tmp117 0x%02x", address);
}

platform::BusResult Tmp117::read16(uint8_t reg, uint16_t* value) {
  uint8_t d[2];
  const platform::BusResult r = bus_.readRegisters(address_, reg, d, 2);
  if (r == platform::BusResult::Ok) *value = static_cast<uint16_t>(d[0] << 8 | d[1]);
  return r;
}

platform::BusResult Tmp117::write16(uint8_t reg, uint16_t value) {
  const uint8_t bytes[3] = {reg, static_cast<uint8_t>(value >> 8), static_cast<uint8_t>(value)};
  return bus_.write(address_, bytes, sizeof bytes);
}

PolledSensor::Result Tmp117::setup(uint64_t) {
  uint16_t id = 0;
  platform::BusResult r = read16(tmp117::kRegDeviceId, &id);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if ((id & 0x0FFF) != tmp117::kDeviceId) return fail(ReadError::Absent);
  // Shut down until the first slot (it powers up converting continuously).
  r = write16(tmp117::kRegConfiguration, tmp117::kShutdown);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return done();
}

PolledSensor::Result Tmp117::start(uint64_t) {
  const platform::BusResult r = write16(tmp117::kRegConfiguration, tmp117::kOneShot);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  polls_ = 0;
  return waitMs(tmp117::kOneShotMs);
}

PolledSensor::Result Tmp117::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  // Reading the configuration clears Data_Ready (configuration register description): read it first, then the result.
  uint16_t config = 0;
  platform::BusResult r = read16(tmp117::kRegConfiguration, &config);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!(config & tmp117::kDataReady)) {
    if (++polls_ > kMaxReadyPolls) return fail(ReadError::Timeout);
    return waitMs(tmp117::kReadyPollMs);
  }
  uint16_t raw = 0;
  r = read16(tmp117::kRegTemperature, &raw);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const double celsius = tmp117::celsius(raw);
  // Section 1: -55..150 degC; 0x8000 is the reset value, no conversion yet.
  if (raw == 0x8000 || celsius < -55 || celsius > 150) return fail(ReadError::OutOfRange);
  out.emit(0, celsius, takenMs);
  return done();
}

}  // namespace harbor
