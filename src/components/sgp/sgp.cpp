#include "harbor/sensors/sgp.h"

#include "harbor/bus/sensirion.h"

namespace harbor {

namespace {

const uint32_t kEverySecond = 1000;

// Reads `count` CRC-checked words into `words`: None, or why not.
ReadError readWords(I2cBus& bus, uint8_t address, uint16_t* words, size_t count) {
  uint8_t frame[9];
  if (count > 3) return ReadError::Bus;
  const platform::BusResult r = bus.read(address, frame, 3 * count);
  if (r == platform::BusResult::Nack) return ReadError::Nack;
  if (r == platform::BusResult::Timeout) return ReadError::Timeout;
  if (r != platform::BusResult::Ok) return ReadError::Bus;
  return sensirion::decodeWords(frame, count, words) ? ReadError::None : ReadError::Crc;
}

}  // namespace

Sgp30::Sgp30(I2cBus& bus, uint32_t intervalMs)
    : PolledSensor("sgp30 0x58", kEverySecond), bus_(bus), sendEveryMs_(intervalMs > 0 ? intervalMs : kEverySecond),
      bootMs_(0), initMs_(0), setupStep_(0) {}

void Sgp30::begin(uint64_t nowMs) {
  bootMs_ = nowMs;
  PolledSensor::begin(nowMs);
}

PolledSensor::Result Sgp30::setup(uint64_t nowMs) {
  if (setupStep_ == 0) {
    const platform::BusResult r = sensirion::writeCommand(bus_, sgp::kSgp30Address, sgp::kGetFeatureSet);
    if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
    setupStep_ = 1;
    return waitMs(sgp::kSgp30CommandMs);
  }
  setupStep_ = 0;
  uint16_t features = 0;
  const ReadError e = readWords(bus_, sgp::kSgp30Address, &features, 1);
  if (e != ReadError::None) return fail(e);
  if ((features >> 12) != 0) return fail(ReadError::Absent);  // another gas sensor's product type
  const platform::BusResult r = sensirion::writeCommand(bus_, sgp::kSgp30Address, sgp::kInitAirQuality);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  initMs_ = nowMs;
  // init_air_quality takes 10 ms; the first slot is a second away.
  return done();
}

PolledSensor::Result Sgp30::start(uint64_t) {
  const platform::BusResult r = sensirion::writeCommand(bus_, sgp::kSgp30Address, sgp::kMeasureAirQuality);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return waitMs(sgp::kMeasureAirQualityMs);
}

PolledSensor::Result Sgp30::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint16_t words[2];
  const ReadError e = readWords(bus_, sgp::kSgp30Address, words, 2);
  if (e != ReadError::None) return fail(e);
  // Measured every second for the baseline; sent on the user's grid, after the warm-up.
  if ((takenMs - bootMs_) % sendEveryMs_ >= kEverySecond || takenMs - initMs_ < sgp::kSgp30WarmUpMs) return done();
  // The datasheet's output ranges: eCO2 400 to 60000 ppm, TVOC 0 to 60000 ppb.
  if (words[0] < 400 || words[0] > 60000 || words[1] > 60000) return fail(ReadError::OutOfRange);
  out.emit(0, words[1], takenMs);
  out.emit(1, words[0], takenMs);
  return done();
}

Sgp4x::Sgp4x(I2cBus& bus, Variant variant, uint32_t intervalMs)
    : PolledSensor(variant == Variant::Sgp41 ? "sgp41 0x59" : "sgp40 0x59", intervalMs), bus_(bus), variant_(variant),
      setupMs_(0), serialAsked_(false), conditioning_(false) {}

PolledSensor::Result Sgp4x::setup(uint64_t nowMs) {
  // The serial number answers on both: a sensor is there and its words check.
  if (!serialAsked_) {
    const platform::BusResult r = sensirion::writeCommand(bus_, sgp::kSgp4xAddress, sgp::kGetSerialNumber);
    if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
    serialAsked_ = true;
    setupMs_ = nowMs;  // it is powered and answers: the conditioning time counts from here
    return waitMs(sgp::kSerialMs);
  }
  serialAsked_ = false;
  uint16_t serial[3];
  const ReadError e = readWords(bus_, sgp::kSgp4xAddress, serial, 3);
  return e == ReadError::None ? done() : fail(e);
}

PolledSensor::Result Sgp4x::start(uint64_t nowMs) {
  const bool sgp41 = variant_ == Variant::Sgp41;
  conditioning_ = sgp41 && nowMs - setupMs_ < sgp::kSgp41ConditioningMs;
  const uint16_t command = !sgp41 ? sgp::kMeasureRawSignal : conditioning_ ? sgp::kExecuteConditioning : sgp::kMeasureRawSignals;
  const uint16_t args[2] = {sgp::kDefaultHumidityTicks, sgp::kDefaultTemperatureTicks};
  const platform::BusResult r = sensirion::writeCommand(bus_, sgp::kSgp4xAddress, command, args, 2);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return waitMs(sgp41 ? sgp::kSgp41MeasureMs : sgp::kSgp40MeasureMs);
}

PolledSensor::Result Sgp4x::collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) {
  uint16_t words[2];
  const size_t count = variant_ == Variant::Sgp41 && !conditioning_ ? 2 : 1;
  const ReadError e = readWords(bus_, sgp::kSgp4xAddress, words, count);
  if (e != ReadError::None) return fail(e);
  // The NOx pixel is not ready yet: nothing to send (a lost slot when set up again).
  if (conditioning_) return noResultYet(nowMs, setupMs_, sgp::kSgp41ConditioningMs);
  out.emit(0, words[0], takenMs);
  if (count == 2) out.emit(1, words[1], takenMs);
  return done();
}

}  // namespace harbor
