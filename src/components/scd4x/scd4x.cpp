#include "harbor/sensors/scd4x.h"

#include "harbor/bus/sensirion.h"

namespace harbor {

namespace {

// The first measurement takes one period after the start; a little more is a sensor that stopped measuring.
const uint32_t kFirstMeasurementMs = scd4x::kPeriodMs + 1000;

}  // namespace

Scd4x::Scd4x(I2cBus& bus, uint32_t intervalMs)
    : PolledSensor("scd4x 0x62", intervalMs), bus_(bus), startedMs_(0), readingData_(false) {}

PolledSensor::Result Scd4x::command(uint16_t command) {
  uint8_t bytes[2];
  sensirion::putCommand(command, bytes);
  const platform::BusResult r = bus_.write(scd4x::kAddress, bytes, sizeof bytes);
  return r == platform::BusResult::Ok ? done() : failFromBus(static_cast<uint8_t>(r));
}

PolledSensor::Result Scd4x::setup(uint64_t nowMs) {
  Result r = command(scd4x::kStartPeriodicMeasurement);
  // In periodic mode the sensor refuses every command but a few: after
  // a reboot of the board alone it is still measuring, and answers get_data_ready_status.
  if (r.step == Step::Fail && r.error == ReadError::Nack) r = command(scd4x::kGetDataReadyStatus);
  if (r.step != Step::Done) return r;
  startedMs_ = nowMs;
  return done();
}

PolledSensor::Result Scd4x::start(uint64_t) {
  const Result r = command(scd4x::kGetDataReadyStatus);
  if (r.step != Step::Done) return r;
  readingData_ = false;
  return waitMs(scd4x::kCommandMs);
}

PolledSensor::Result Scd4x::collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) {
  uint8_t frame[9];
  uint16_t words[3];
  const size_t count = readingData_ ? 3 : 1;
  const platform::BusResult r = bus_.read(scd4x::kAddress, frame, 3 * count);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!sensirion::decodeWords(frame, count, words)) return fail(ReadError::Crc);
  if (!readingData_) {
    if (!scd4x::dataReady(words[0])) {
      // No measurement yet in the first 5 s after the start: this slot has none to send.
      return nowMs - startedMs_ < kFirstMeasurementMs ? done() : fail(ReadError::Timeout);
    }
    const Result c = command(scd4x::kReadMeasurement);
    if (c.step != Step::Done) return c;
    readingData_ = true;
    return waitMs(scd4x::kCommandMs);
  }
  // The output range is 0 to 40000 ppm; Sensirion's arduino-i2c-scd4x example skips 0 ppm as an invalid sample.
  if (words[0] == 0 || words[0] > 40000) return fail(ReadError::OutOfRange);
  out.emit(0, words[0], takenMs);
  out.emit(1, scd4x::temperature(words[1]), takenMs);
  out.emit(2, scd4x::humidity(words[2]), takenMs);
  return done();
}

}  // namespace harbor
