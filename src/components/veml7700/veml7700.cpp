#include "harbor/sensors/veml7700.h"

#include <stdio.h>

namespace harbor {
namespace veml7700 {

uint16_t gainBits(uint8_t eighths) {
  switch (eighths) {
    case 16: return 0x01 << 11;
    case 2: return 0x03 << 11;
    case 1: return 0x02 << 11;
    default: return 0;  // x1
  }
}

uint16_t integrationBits(uint16_t ms) {
  switch (ms) {
    case 25: return 0x0C << 6;
    case 50: return 0x08 << 6;
    case 200: return 0x01 << 6;
    case 400: return 0x02 << 6;
    case 800: return 0x03 << 6;
    default: return 0;  // 100 ms
  }
}

double luxPerCount(uint8_t gainEighths, uint16_t integrationMs) {
  return 0.0042 * (16.0 / gainEighths) * (800.0 / integrationMs);
}

}  // namespace veml7700

namespace {

// The integration runs on the chip's oscillator: allow it 10 % beyond nominal.
uint32_t conversionMs(uint16_t integrationMs) { return veml7700::kWakeMs + integrationMs + integrationMs / 10; }

}  // namespace

Veml7700::Veml7700(I2cBus& bus, uint8_t address, uint32_t intervalMs, uint8_t gainEighths, uint16_t integrationMs)
    : PolledSensor(name_, intervalMs),
      bus_(bus),
      address_(address),
      conf_(static_cast<uint16_t>(veml7700::gainBits(gainEighths) | veml7700::integrationBits(integrationMs))),
      integrationMs_(integrationMs),
      luxPerCount_(veml7700::luxPerCount(gainEighths, integrationMs)) {
  snprintf(name_, sizeof name_, "veml7700 0x%02x", address);
}

platform::BusResult Veml7700::write16(uint8_t reg, uint16_t value) {
  const uint8_t bytes[3] = {reg, static_cast<uint8_t>(value & 0xFF), static_cast<uint8_t>(value >> 8)};
  return bus_.write(address_, bytes, sizeof bytes);
}

PolledSensor::Result Veml7700::setup(uint64_t) {
  // No id register on every revision: a configuration that reads back as written is the sign of it.
  platform::BusResult r = write16(veml7700::kRegConf, static_cast<uint16_t>(conf_ | veml7700::kShutDown));
  if (r == platform::BusResult::Ok) r = write16(veml7700::kRegPowerSaving, 0);  // PSM off: refresh = IT
  uint8_t d[2] = {0, 0};
  if (r == platform::BusResult::Ok) r = bus_.readRegisters(address_, veml7700::kRegConf, d, sizeof d);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if ((d[0] | d[1] << 8) != (conf_ | veml7700::kShutDown)) return fail(ReadError::Absent);
  return done();
}

PolledSensor::Result Veml7700::start(uint64_t) {
  const platform::BusResult r = write16(veml7700::kRegConf, conf_);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return waitMs(conversionMs(integrationMs_));
}

PolledSensor::Result Veml7700::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t d[2];
  platform::BusResult r = bus_.readRegisters(address_, veml7700::kRegAls, d, sizeof d);
  if (r == platform::BusResult::Ok) r = write16(veml7700::kRegConf, static_cast<uint16_t>(conf_ | veml7700::kShutDown));
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const uint16_t count = static_cast<uint16_t>(d[0] | d[1] << 8);
  // Full scale: more light than this gain and integration time can measure.
  if (count == 0xFFFF) return fail(ReadError::OutOfRange);
  out.emit(0, count * luxPerCount_, takenMs);
  return done();
}

}  // namespace harbor
