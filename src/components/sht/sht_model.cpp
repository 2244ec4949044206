#include "sht_model.h"

#include <math.h>

#include "harbor/bus/crc.h"

namespace harbor {
namespace host {

namespace {

uint16_t raw(double fraction) {
  const double r = floor(fraction * 65535.0 + 0.5);
  return static_cast<uint16_t>(r < 0 ? 0 : r > 65535 ? 65535 : r);
}

// Typical measurement durations (SHT3x table 4: 12.5 ms; SHT4x table 4: 6.9 ms).
const uint64_t kSht3xTypicalMs = 13;
const uint64_t kSht4xTypicalMs = 7;

}  // namespace

ShtModel::ShtModel(bool sht4x, const Wave& temperature, const Wave& humidity, const Faults& faults)
    : I2cModel(faults), sht4x_(sht4x), temperature_(temperature), humidity_(humidity), out_(), outLength_(0),
      readyAtMs_(0) {}

void ShtModel::put(size_t at, uint16_t word) {
  out_[at] = static_cast<uint8_t>(word >> 8);
  out_[at + 1] = static_cast<uint8_t>(word);
  out_[at + 2] = sensirionCrc8(out_ + at, 2);
}

platform::BusResult ShtModel::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                       uint64_t nowMs) {
  if (txLength > 0) {
    if (nowMs < readyAtMs_) return platform::BusResult::Nack;  // busy measuring: no command taken
    const uint16_t code = sht4x_ ? tx[0] : txLength >= 2 ? static_cast<uint16_t>(tx[0] << 8 | tx[1]) : 0;
    const bool measure = sht4x_ ? code == sht::kSht4xMeasureHigh : code == sht::kSht3xMeasureHigh;
    if (measure) {
      // The values at the start of the measurement, readable once it ends.
      const double t = temperature_.at(nowMs);
      const double h = humidity_.at(nowMs);
      put(0, raw((t + 45.0) / 175.0));
      put(3, raw(sht4x_ ? (h + 6.0) / 125.0 : h / 100.0));
      outLength_ = 6;
      readyAtMs_ = nowMs + (sht4x_ ? kSht4xTypicalMs : kSht3xTypicalMs);
    } else if (!sht4x_ && code == sht::kSht3xReadStatus) {
      put(0, 0x8010);  // alert pending, reset detected: the status after power-up (table 17)
      outLength_ = 3;
    } else if (sht4x_ && code == sht::kSht4xReadSerial) {
      put(0, 0x1234);
      put(3, 0x5678);
      outLength_ = 6;
    } else {
      return platform::BusResult::Nack;  // not a command this model knows
    }
  }
  if (rxLength > 0) {
    if (nowMs < readyAtMs_ || outLength_ == 0) return platform::BusResult::Nack;  // nothing to read yet
    for (size_t i = 0; i < rxLength; ++i) rx[i] = i < outLength_ ? out_[i] : 0xFF;
    outLength_ = 0;  // read once: the next read header is NACKed
  }
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
