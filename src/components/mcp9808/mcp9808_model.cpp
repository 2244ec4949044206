#include "mcp9808_model.h"

#include <math.h>

namespace harbor {
namespace host {

const uint64_t Mcp9808Model::kConversionMs;

Mcp9808Model::Mcp9808Model(const Wave& temperature, const Faults& faults)
    : I2cModel(faults), temperature_(temperature), pointer_(0), resolution_(mcp9808::kResolution0625) {}

uint16_t Mcp9808Model::ambient(uint64_t nowMs) const {
  // The conversion that finished last began one conversion time before the current one.
  const uint64_t current = nowMs / kConversionMs * kConversionMs;
  const uint64_t middle = current >= kConversionMs ? current - kConversionMs / 2 : 0;
  const double sixteenths = floor(temperature_.at(middle) * 16.0 + 0.5);
  // 13-bit two's complement in 1/16 degC: bit 12 the sign (equation 5-1 read backwards).
  const int32_t code = static_cast<int32_t>(sixteenths);
  return static_cast<uint16_t>(code & 0x1FFF);
}

platform::BusResult Mcp9808Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                           uint64_t nowMs) {
  if (txLength > 0) pointer_ = tx[0];
  if (txLength >= 2 && pointer_ == mcp9808::kRegResolution) resolution_ = tx[1] & 0x03;
  uint16_t value = 0;
  switch (pointer_) {
    case mcp9808::kRegAmbient: value = ambient(nowMs); break;
    case mcp9808::kRegManufacturerId: value = mcp9808::kManufacturerId; break;
    case mcp9808::kRegDeviceId: value = static_cast<uint16_t>(mcp9808::kDeviceId << 8); break;
    case mcp9808::kRegResolution: value = static_cast<uint16_t>(resolution_ << 8); break;  // one byte
    default: break;
  }
  if (rxLength > 0) rx[0] = static_cast<uint8_t>(value >> 8);
  if (rxLength > 1) rx[1] = static_cast<uint8_t>(value);
  for (size_t i = 2; i < rxLength; ++i) rx[i] = 0;
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
