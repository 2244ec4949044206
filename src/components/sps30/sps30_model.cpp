#include "sps30_model.h"

namespace harbor {
namespace host {

Sps30Model::Sps30Model(const Wave& pm1, const Wave& pm2_5, const Wave& pm4, const Wave& pm10, const Faults& faults)
    : SensirionModel(sps30::kCommandMs, sps30::kPeriodMs, faults) {
  mass_[0] = pm1;
  mass_[1] = pm2_5;
  mass_[2] = pm4;
  mass_[3] = pm10;
}

bool Sps30Model::command(uint16_t code, const uint8_t* args, size_t length, uint64_t nowMs) {
  if (code == sps30::kStartMeasurement) {
    // Only from idle, and only in the float format here (0x0500, 16-bit integers, is not modelled).
    if (measuring() || length != 3 || args[0] != 0x03 || args[1] != 0x00) return false;
    startMeasuring(nowMs);
    return true;
  }
  if (code == sps30::kStopMeasurement) stopMeasuring();
  return code == sps30::kStopMeasurement || code == sps30::kReadDataReady || code == sps30::kReadMeasuredValues;
}

bool Sps30Model::answer(uint16_t code, uint64_t nowMs, uint16_t* words, size_t* count) {
  if (code == sps30::kReadDataReady) {
    words[0] = newMeasurement(nowMs) ? 1 : 0;
    *count = 1;
    return true;
  }
  uint64_t at = 0;
  if (code != sps30::kReadMeasuredValues || !takeMeasurement(nowMs, &at)) return false;
  for (size_t i = 0; i < 10; ++i) {
    const float v = i < 4 ? static_cast<float>(mass_[i].at(at)) : 0.0f;
    sensirion::floatToWords(v, &words[2 * i], &words[2 * i + 1]);
  }
  *count = 20;
  return true;
}

}  // namespace host
}  // namespace harbor
