#include "htu21d_model.h"

#include <math.h>

#include "harbor/bus/crc.h"

namespace harbor {
namespace host {

namespace {

// The nearest `bits`-bit code to `fraction` of full scale, left-aligned in 16 bits.
uint16_t code(double fraction, int bits) {
  const double full = static_cast<double>(1 << bits);
  const double r = floor(fraction * full + 0.5);
  const uint32_t c = static_cast<uint32_t>(r < 0 ? 0 : r > full - 1 ? full - 1 : r);
  return static_cast<uint16_t>(c << (16 - bits));
}

}  // namespace

Htu21dModel::Htu21dModel(bool si7021, const Wave& temperature, const Wave& humidity, const Faults& faults)
    : I2cModel(faults), si7021_(si7021), temperature_(temperature), humidity_(humidity), out_(), outLength_(0),
      readyAtMs_(0) {}

platform::BusResult Htu21dModel::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                          uint64_t nowMs) {
  if (txLength > 0) {
    if (nowMs < readyAtMs_) return platform::BusResult::Nack;  // measuring: no command taken
    uint16_t word = 0;
    if (tx[0] == htu21d::kMeasureHumidity) {
      // 12 bits (default), status bits 10. Typical times: HTU21D 14 ms, Si7021 10 + 7 ms.
      word = static_cast<uint16_t>(code((humidity_.at(nowMs) + 6.0) / 125.0, 12) | htu21d::kTypeHumidity);
      readyAtMs_ = nowMs + (si7021_ ? 17 : 14);
    } else if (tx[0] == htu21d::kMeasureTemperature) {
      // 14 bits (default), status bits 00. Typical times: HTU21D 44 ms, Si7021 7 ms.
      word = code((temperature_.at(nowMs) + 46.85) / 175.72, 14);
      readyAtMs_ = nowMs + (si7021_ ? 7 : 44);
    } else if (tx[0] == htu21d::kReadUserRegister) {
      // Defaults: 0x02 (HTU21D), 0x3A (Si7021).
      out_[0] = si7021_ ? 0x3A : 0x02;
      for (size_t i = 0; i < rxLength; ++i) rx[i] = out_[0];
      return platform::BusResult::Ok;
    } else {
      return platform::BusResult::Nack;
    }
    out_[0] = static_cast<uint8_t>(word >> 8);
    out_[1] = static_cast<uint8_t>(word);
    out_[2] = htu21dCrc8(out_, 2);
    outLength_ = 3;
  }
  if (rxLength > 0) {
    if (nowMs < readyAtMs_ || outLength_ == 0) return platform::BusResult::Nack;
    for (size_t i = 0; i < rxLength; ++i) rx[i] = i < outLength_ ? out_[i] : 0xFF;
    outLength_ = 0;
  }
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
