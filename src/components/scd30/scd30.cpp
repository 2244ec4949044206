#include "harbor/sensors/scd30.h"

#include "harbor/bus/sensirion.h"

namespace harbor {
namespace scd30 {

Measurement fromWords(const uint16_t words[6]) {
  Measurement m;
  m.co2 = sensirion::wordsToFloat(words[0], words[1]);
  m.temperature = sensirion::wordsToFloat(words[2], words[3]);
  m.humidity = sensirion::wordsToFloat(words[4], words[5]);
  return m;
}

}  // namespace scd30

namespace {

const SensirionSensor::Commands kCommands = {scd30::kGetDataReady, scd30::kReadMeasurement, 6, scd30::kCommandMs,
                                             scd30::kPeriodMs};

}  // namespace

Scd30::Scd30(I2cBus& bus, uint32_t intervalMs) : SensirionSensor("scd30 0x61", bus, scd30::kAddress, intervalMs, kCommands) {}

PolledSensor::Result Scd30::setup(uint64_t nowMs) {
  // Allowed while it already measures (it keeps measuring through a power cycle): it starts again.
  const uint16_t noPressure = 0;
  return startMeasuring(nowMs, scd30::kTriggerContinuous, &noPressure, 1);
}

PolledSensor::Result Scd30::emit(const uint16_t* words, uint64_t takenMs, Emitter& out) {
  const scd30::Measurement m = scd30::fromWords(words);
  // The datasheet's measurement ranges (SCD30 datasheet, section 1): beyond them, or NaN, it is not a reading.
  if (!(m.co2 >= 0 && m.co2 <= 40000) || !(m.temperature >= -40 && m.temperature <= 70) ||
      !(m.humidity >= 0 && m.humidity <= 100)) {
    return fail(ReadError::OutOfRange);
  }
  out.emit(0, m.co2, takenMs);
  out.emit(1, m.temperature, takenMs);
  out.emit(2, m.humidity, takenMs);
  return done();
}

}  // namespace harbor
