#include "harbor/sensors/sps30.h"

#include "harbor/bus/sensirion.h"

namespace harbor {
namespace sps30 {

Mass massFromWords(const uint16_t words[8]) {
  Mass m;
  m.pm1 = sensirion::wordsToFloat(words[0], words[1]);
  m.pm2_5 = sensirion::wordsToFloat(words[2], words[3]);
  m.pm4 = sensirion::wordsToFloat(words[4], words[5]);
  m.pm10 = sensirion::wordsToFloat(words[6], words[7]);
  return m;
}

}  // namespace sps30

namespace {

const SensirionSensor::Commands kCommands = {sps30::kReadDataReady, sps30::kReadMeasuredValues, sps30::kMassWords,
                                             sps30::kCommandMs, sps30::kPeriodMs};

bool inRange(float v) { return v >= 0 && v <= sps30::kMaxMass; }  // false for NaN too

}  // namespace

Sps30::Sps30(I2cBus& bus, uint32_t intervalMs) : SensirionSensor("sps30 0x69", bus, sps30::kAddress, intervalMs, kCommands) {}

PolledSensor::Result Sps30::setup(uint64_t nowMs) {
  // In measurement mode start measurement is refused; the data-ready flag still answers.
  const uint16_t format = sps30::kFloatFormat;
  return startMeasuring(nowMs, sps30::kStartMeasurement, &format, 1);
}

PolledSensor::Result Sps30::emit(const uint16_t* words, uint64_t takenMs, Emitter& out) {
  const sps30::Mass m = sps30::massFromWords(words);
  if (!inRange(m.pm1) || !inRange(m.pm2_5) || !inRange(m.pm4) || !inRange(m.pm10)) return fail(ReadError::OutOfRange);
  out.emit(0, m.pm1, takenMs);
  out.emit(1, m.pm2_5, takenMs);
  out.emit(2, m.pm4, takenMs);
  out.emit(3, m.pm10, takenMs);
  return done();
}

}  // namespace harbor
