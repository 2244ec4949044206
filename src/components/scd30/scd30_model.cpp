#include "scd30_model.h"

namespace harbor {
namespace host {

Scd30Model::Scd30Model(const Wave& co2, const Wave& temperature, const Wave& humidity, const Faults& faults)
    : SensirionModel(scd30::kCommandMs, scd30::kPeriodMs, faults), co2_(co2), temperature_(temperature),
      humidity_(humidity) {}

bool Scd30Model::command(uint16_t code, const uint8_t*, size_t length, uint64_t nowMs) {
  if (code == scd30::kTriggerContinuous) {
    if (length != 3) return false;  // the pressure argument and its CRC
    startMeasuring(nowMs);
    return true;
  }
  if (code == scd30::kStopContinuous) stopMeasuring();
  return code == scd30::kStopContinuous || code == scd30::kGetDataReady || code == scd30::kReadMeasurement;
}

bool Scd30Model::answer(uint16_t code, uint64_t nowMs, uint16_t* words, size_t* count) {
  if (code == scd30::kGetDataReady) {
    words[0] = newMeasurement(nowMs) ? 1 : 0;
    *count = 1;
    return true;
  }
  uint64_t at = 0;
  if (code != scd30::kReadMeasurement || !takeMeasurement(nowMs, &at)) return false;
  sensirion::floatToWords(static_cast<float>(co2_.at(at)), &words[0], &words[1]);
  sensirion::floatToWords(static_cast<float>(temperature_.at(at)), &words[2], &words[3]);
  sensirion::floatToWords(static_cast<float>(humidity_.at(at)), &words[4], &words[5]);
  *count = 6;
  return true;
}

}  // namespace host
}  // namespace harbor
