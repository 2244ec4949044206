#include "harbor/sensors/scd4x.h"

namespace harbor {

namespace {

const SensirionSensor::Commands kCommands = {scd4x::kGetDataReadyStatus, scd4x::kReadMeasurement, 3,
                                             scd4x::kCommandMs, scd4x::kPeriodMs};

}  // namespace

Scd4x::Scd4x(I2cBus& bus, uint32_t intervalMs)
    : SensirionSensor("scd4x 0x62", bus, scd4x::kAddress, intervalMs, kCommands) {}

PolledSensor::Result Scd4x::setup(uint64_t nowMs) {
  // In periodic mode the sensor refuses every command but a few, get_data_ready_status among them.
  return startMeasuring(nowMs, scd4x::kStartPeriodicMeasurement);
}

PolledSensor::Result Scd4x::emit(const uint16_t* words, uint64_t takenMs, Emitter& out) {
  // The output range is 0 to 40000 ppm; Sensirion's arduino-i2c-scd4x example skips 0 ppm as an invalid sample.
  if (words[0] == 0 || words[0] > 40000) return fail(ReadError::OutOfRange);
  out.emit(0, words[0], takenMs);
  out.emit(1, scd4x::temperature(words[1]), takenMs);
  out.emit(2, scd4x::humidity(words[2]), takenMs);
  return done();
}

}  // namespace harbor
