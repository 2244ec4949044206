#include "scd4x_model.h"

namespace harbor {
namespace host {

Scd4xModel::Scd4xModel(const Wave& co2, const Wave& temperature, const Wave& humidity, const Faults& faults)
    : SensirionModel(scd4x::kCommandMs, scd4x::kPeriodMs, faults), co2_(co2), temperature_(temperature),
      humidity_(humidity), idleAtMs_(0) {}

bool Scd4xModel::command(uint16_t code, const uint8_t*, size_t, uint64_t nowMs) {
  if (nowMs < idleAtMs_) return false;  // still stopping
  if (code == scd4x::kGetDataReadyStatus || code == scd4x::kStopPeriodicMeasurement) {
    if (code == scd4x::kStopPeriodicMeasurement) {
      stopMeasuring();
      idleAtMs_ = nowMs + 500;
    }
    return true;
  }
  if (code == scd4x::kReadMeasurement) return measuring();
  if (measuring()) return false;  // refused in periodic mode
  if (code != scd4x::kStartPeriodicMeasurement) return false;  // not modelled
  startMeasuring(nowMs);
  return true;
}

bool Scd4xModel::answer(uint16_t code, uint64_t nowMs, uint16_t* words, size_t* count) {
  if (code == scd4x::kGetDataReadyStatus) {
    words[0] = newMeasurement(nowMs) ? 0x8006 : 0x8000;  // the 11 low bits say whether a measurement waits
    *count = 1;
    return true;
  }
  uint64_t at = 0;
  if (code != scd4x::kReadMeasurement || !takeMeasurement(nowMs, &at)) return false;
  words[0] = rawWord(co2_.at(at));
  words[1] = rawWord((temperature_.at(at) + 45.0) * 65535.0 / 175.0);
  words[2] = rawWord(humidity_.at(at) * 65535.0 / 100.0);
  *count = 3;
  return true;
}

}  // namespace host
}  // namespace harbor
