#include "sgp_model.h"

namespace harbor {
namespace host {

Sgp30Model::Sgp30Model(const Wave& tvoc, const Wave& eco2, const Faults& faults)
    : SensirionModel(sgp::kSgp30CommandMs, 1000, faults), tvoc_(tvoc), eco2_(eco2), initialized_(false), initMs_(0),
      measuredMs_(0), measurements_(0) {}

bool Sgp30Model::command(uint16_t code, const uint8_t*, size_t length, uint64_t nowMs) {
  if (length != 0) return false;  // none of these takes arguments
  if (code == sgp::kInitAirQuality) {
    initialized_ = true;
    initMs_ = nowMs;
    return true;
  }
  if (code == sgp::kMeasureAirQuality) {
    measuredMs_ = nowMs;
    ++measurements_;
    return initialized_;  // the algorithm runs only after init
  }
  return code == sgp::kGetFeatureSet;
}

uint32_t Sgp30Model::executionMs(uint16_t code) const {
  return code == sgp::kMeasureAirQuality ? sgp::kMeasureAirQualityMs : sgp::kSgp30CommandMs;
}

bool Sgp30Model::answer(uint16_t code, uint64_t, uint16_t* words, size_t* count) {
  if (code == sgp::kGetFeatureSet) {
    words[0] = 0x0022;  // product type 0 (SGP30), version 0x22
    *count = 1;
    return true;
  }
  if (code != sgp::kMeasureAirQuality) return false;
  const bool warm = measuredMs_ - initMs_ >= sgp::kSgp30WarmUpMs;
  words[0] = warm ? rawWord(eco2_.at(measuredMs_)) : 400;
  words[1] = warm ? rawWord(tvoc_.at(measuredMs_)) : 0;
  *count = 2;
  return true;
}

Sgp4xModel::Sgp4xModel(bool sgp41, const Wave& voc, const Wave& nox, const Faults& faults)
    : SensirionModel(sgp::kSerialMs, 1000, faults), sgp41_(sgp41), voc_(voc), nox_(nox), measuredMs_(0) {}

bool Sgp4xModel::command(uint16_t code, const uint8_t*, size_t length, uint64_t nowMs) {
  measuredMs_ = nowMs;
  if (code == sgp::kGetSerialNumber) return length == 0;
  // Humidity and temperature, each word with its CRC (checked by SensirionModel).
  if (length != 6) return false;
  if (code == sgp::kMeasureRawSignal) return !sgp41_;
  return sgp41_ && (code == sgp::kMeasureRawSignals || code == sgp::kExecuteConditioning);
}

uint32_t Sgp4xModel::executionMs(uint16_t code) const {
  if (code == sgp::kGetSerialNumber) return sgp::kSerialMs;
  return sgp41_ ? sgp::kSgp41MeasureMs : sgp::kSgp40MeasureMs;
}

bool Sgp4xModel::answer(uint16_t code, uint64_t, uint16_t* words, size_t* count) {
  if (code == sgp::kGetSerialNumber) {
    words[0] = 0x0000;
    words[1] = 0x0123;
    words[2] = 0x4567;
    *count = 3;
    return true;
  }
  words[0] = rawWord(voc_.at(measuredMs_));
  words[1] = rawWord(nox_.at(measuredMs_));
  *count = code == sgp::kMeasureRawSignals ? 2 : 1;
  return true;
}

}  // namespace host
}  // namespace harbor
