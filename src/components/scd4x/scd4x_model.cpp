#include "scd4x_model.h"

#include <math.h>

#include "harbor/bus/sensirion.h"

namespace harbor {
namespace host {

namespace {

uint16_t clampWord(double v) { return static_cast<uint16_t>(v < 0 ? 0 : v > 65535 ? 65535 : floor(v + 0.5)); }

}  // namespace

Scd4xModel::Scd4xModel(const Wave& co2, const Wave& temperature, const Wave& humidity, const Faults& faults)
    : I2cModel(faults), co2_(co2), temperature_(temperature), humidity_(humidity), periodic_(false),
      startedMs_(0), fetched_(0), command_(0), commandMs_(0), idleAtMs_(0) {}

uint64_t Scd4xModel::completed(uint64_t nowMs) const {
  return periodic_ ? (nowMs - startedMs_) / scd4x::kPeriodMs : 0;
}

platform::BusResult Scd4xModel::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                         uint64_t nowMs) {
  if (nowMs < idleAtMs_) return platform::BusResult::Nack;  // still stopping
  if (txLength >= 2) {
    const uint16_t command = static_cast<uint16_t>(tx[0] << 8 | tx[1]);
    const bool allowedWhilePeriodic = command == scd4x::kReadMeasurement || command == scd4x::kGetDataReadyStatus ||
                                      command == scd4x::kStopPeriodicMeasurement;
    if (periodic_ && !allowedWhilePeriodic) return platform::BusResult::Nack;
    if (command == scd4x::kStartPeriodicMeasurement) {
      periodic_ = true;
      startedMs_ = nowMs;
      fetched_ = 0;
    } else if (command == scd4x::kStopPeriodicMeasurement) {
      periodic_ = false;
      idleAtMs_ = nowMs + 500;
    } else if (command == scd4x::kReadMeasurement) {
      if (!periodic_) return platform::BusResult::Nack;
    } else if (command != scd4x::kGetDataReadyStatus) {
      return platform::BusResult::Nack;  // not modelled
    }
    command_ = command;
    commandMs_ = nowMs;
  }
  if (rxLength == 0) return platform::BusResult::Ok;
  // The answer is there once the command's execution time has passed.
  if (nowMs < commandMs_ + scd4x::kCommandMs) return platform::BusResult::Nack;
  const uint64_t done = completed(nowMs);
  uint16_t words[3] = {0, 0, 0};
  size_t count = 0;
  if (command_ == scd4x::kGetDataReadyStatus) {
    words[0] = done > fetched_ ? 0x8006 : 0x8000;  // the 11 low bits say whether a measurement waits
    count = 1;
  } else if (command_ == scd4x::kReadMeasurement) {
    if (done == 0) return platform::BusResult::Nack;  // nothing measured yet
    const uint64_t at = startedMs_ + done * scd4x::kPeriodMs;
    words[0] = clampWord(co2_.at(at));
    words[1] = clampWord((temperature_.at(at) + 45.0) * 65535.0 / 175.0);
    words[2] = clampWord(humidity_.at(at) * 65535.0 / 100.0);
    fetched_ = done;
    count = 3;
  } else {
    return platform::BusResult::Nack;
  }
  command_ = 0;  // one answer per command
  uint8_t frame[9];
  sensirion::encodeWords(words, count, frame);
  for (size_t i = 0; i < rxLength; ++i) rx[i] = i < 3 * count ? frame[i] : 0xFF;
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
