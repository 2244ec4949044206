#include "hx711_model.h"

#include <math.h>

namespace harbor {
namespace host {

namespace {

const uint64_t kConversionMs = 100;  // 10 SPS, RATE low

}  // namespace

namespace {

double gainOf(uint8_t pulses) { return pulses == 25 ? 128 : pulses == 26 ? 32 : 64; }

}  // namespace

int Hx711Model::level(uint64_t nowMs) {
  if (faults.unplugged(nowMs)) {
    wasUnplugged_ = true;
    return 1;
  }
  if (wasUnplugged_) {
    wasUnplugged_ = false;
    pulses_ = hx711::kGain128Pulses;  // powered up again
  }
  // Low once a conversion has completed since the last read.
  return read_ && nowMs / kConversionMs == readMs_ / kConversionMs ? 1 : 0;
}

platform::BusResult Hx711Model::hx711Read(uint64_t nowMs, uint8_t pulses, int32_t* raw) {
  if (level(nowMs) != 0) return platform::BusResult::Timeout;
  if (hx711::pulsesForGain(static_cast<uint8_t>(gainOf(pulses))) != pulses) return platform::BusResult::Error;
  double code = floor((weight_.at(nowMs) * scale_ + tare_) * gainOf(pulses_) / gain_ + 0.5);
  pulses_ = pulses;
  if (code > hx711::kMaxCode) code = hx711::kMaxCode;
  if (code < hx711::kMinCode) code = hx711::kMinCode;
  *raw = static_cast<int32_t>(code);
  readMs_ = nowMs;
  read_ = true;
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
