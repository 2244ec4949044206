#include "aht_model.h"

#include <math.h>
#include <string.h>

#include "harbor/bus/crc.h"

namespace harbor {
namespace host {

namespace {

uint32_t raw20(double fraction) {
  const double r = floor(fraction * 1048576.0 + 0.5);
  return static_cast<uint32_t>(r < 0 ? 0 : r > 1048575 ? 1048575 : r);
}

}  // namespace

AhtModel::AhtModel(bool aht10, const Wave& temperature, const Wave& humidity, const Faults& faults)
    : I2cModel(faults), calibrated(true), busyMs(70), aht10_(aht10), temperature_(temperature), humidity_(humidity), data_(),
      pending_(), readyAtMs_(0) {}

platform::BusResult AhtModel::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                       uint64_t nowMs) {
  if (txLength >= 3) {
    const uint8_t* init = aht10_ ? aht::kInitAht10 : aht::kInitAht20;
    if (memcmp(tx, init, 3) == 0) {
      calibrated = true;
    } else if (memcmp(tx, aht::kTrigger, 3) == 0) {
      const uint32_t h = raw20(humidity_.at(nowMs) / 100.0);
      const uint32_t t = raw20((temperature_.at(nowMs) + 50.0) / 200.0);
      pending_[0] = static_cast<uint8_t>(h >> 12);
      pending_[1] = static_cast<uint8_t>(h >> 4);
      pending_[2] = static_cast<uint8_t>((h & 0x0F) << 4 | t >> 16);
      pending_[3] = static_cast<uint8_t>(t >> 8);
      pending_[4] = static_cast<uint8_t>(t);
      readyAtMs_ = nowMs + busyMs;
    } else {
      return platform::BusResult::Nack;
    }
  }
  // Until the conversion ends the data bytes are the previous one's.
  if (nowMs >= readyAtMs_) memcpy(data_ + 1, pending_, sizeof pending_);
  // Bit 3 calibrated; the AHT20 also sets bit 4 (its datasheet's "status and 0x18").
  data_[0] = static_cast<uint8_t>((nowMs < readyAtMs_ ? aht::kStatusBusy : 0) |
                                  (calibrated ? (aht10_ ? 0x08 : 0x18) : 0));
  data_[6] = sensirionCrc8(data_, 6);
  for (size_t i = 0; i < rxLength; ++i) rx[i] = i < sizeof data_ ? data_[i] : 0xFF;
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
