#include "hdc1080_model.h"

#include <math.h>

namespace harbor {
namespace host {

namespace {

// The nearest 14-bit code of `fraction` of full scale, left-aligned (the two low bits read 0).
uint16_t code14(double fraction) {
  const double r = floor(fraction * 16384.0 + 0.5);
  return static_cast<uint16_t>(static_cast<uint32_t>(r < 0 ? 0 : r > 16383 ? 16383 : r) << 2);
}

const uint64_t kTypicalMs = 12;  // a little under the 12.85 ms maximum

}  // namespace

Hdc1080Model::Hdc1080Model(const Wave& temperature, const Wave& humidity, const Faults& faults)
    : I2cModel(faults), temperature_(temperature), humidity_(humidity), config_(0x1000), result_(), measured_(false),
      readyAtMs_(0) {}

platform::BusResult Hdc1080Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                           uint64_t nowMs) {
  if (txLength >= 3 && tx[0] == hdc1080::kRegConfiguration) {
    config_ = static_cast<uint16_t>(tx[1] << 8 | tx[2]);
    return platform::BusResult::Ok;
  }
  if (txLength == 1 && rxLength >= 2 && (tx[0] == hdc1080::kRegManufacturerId || tx[0] == hdc1080::kRegDeviceId)) {
    const uint16_t id = tx[0] == hdc1080::kRegManufacturerId ? hdc1080::kManufacturerId : hdc1080::kDeviceId;
    rx[0] = static_cast<uint8_t>(id >> 8);
    rx[1] = static_cast<uint8_t>(id);
    return platform::BusResult::Ok;
  }
  if (txLength == 1 && rxLength == 0 && tx[0] == hdc1080::kRegTemperature) {
    const uint16_t t = code14((temperature_.at(nowMs) + 40.0) / 165.0);
    const uint16_t h = code14(humidity_.at(nowMs) / 100.0);
    result_[0] = static_cast<uint8_t>(t >> 8);
    result_[1] = static_cast<uint8_t>(t);
    result_[2] = static_cast<uint8_t>(h >> 8);
    result_[3] = static_cast<uint8_t>(h);
    measured_ = true;
    readyAtMs_ = nowMs + kTypicalMs;
    return platform::BusResult::Ok;
  }
  if (txLength == 0 && rxLength > 0) {
    if (!measured_ || nowMs < readyAtMs_) return platform::BusResult::Nack;
    for (size_t i = 0; i < rxLength; ++i) rx[i] = i < sizeof result_ ? result_[i] : 0xFF;
    measured_ = false;
    return platform::BusResult::Ok;
  }
  return platform::BusResult::Nack;
}

}  // namespace host
}  // namespace harbor
