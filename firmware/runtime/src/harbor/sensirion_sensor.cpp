#include "harbor/sensirion_sensor.h"

#include "harbor/bus/sensirion.h"

namespace harbor {

const size_t SensirionSensor::kMaxWords;

namespace {

// A sensor with no measurement this long after a period from its start has stopped measuring.
const uint32_t kLateMs = 1000;

}  // namespace

SensirionSensor::SensirionSensor(const char* name, I2cBus& bus, uint8_t address, uint32_t intervalMs,
                                 const Commands& commands)
    : PolledSensor(name, intervalMs), bus_(bus), address_(address), commands_(commands), startedMs_(0),
      readingData_(false) {}

PolledSensor::Result SensirionSensor::command(uint16_t command, const uint16_t* args, size_t count) {
  const platform::BusResult r = sensirion::writeCommand(bus_, address_, command, args, count);
  return r == platform::BusResult::Ok ? done() : failFromBus(static_cast<uint8_t>(r));
}

PolledSensor::Result SensirionSensor::startMeasuring(uint64_t nowMs, uint16_t start, const uint16_t* args,
                                                     size_t count) {
  Result r = command(start, args, count);
  if (r.step == Step::Fail && r.error == ReadError::Nack) r = command(commands_.dataReady);
  if (r.step != Step::Done) return r;
  startedMs_ = nowMs;
  return done();
}

PolledSensor::Result SensirionSensor::start(uint64_t) {
  const Result r = command(commands_.dataReady);
  if (r.step != Step::Done) return r;
  readingData_ = false;
  return waitMs(commands_.commandMs);
}

PolledSensor::Result SensirionSensor::collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) {
  uint8_t frame[3 * kMaxWords];
  uint16_t words[kMaxWords];
  const size_t count = readingData_ ? (commands_.words < kMaxWords ? commands_.words : kMaxWords) : 1;
  const platform::BusResult r = bus_.read(address_, frame, 3 * count);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!sensirion::decodeWords(frame, count, words)) return fail(ReadError::Crc);
  if (readingData_) return emit(words, takenMs, out);
  if (!ready(words[0])) {
    return noResultYet(nowMs, startedMs_, commands_.periodMs + kLateMs);
  }
  const Result c = command(commands_.read);
  if (c.step != Step::Done) return c;
  readingData_ = true;
  return waitMs(commands_.commandMs);
}

}  // namespace harbor
