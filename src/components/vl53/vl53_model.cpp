#include "vl53_model.h"

#include <math.h>

namespace harbor {
namespace host {

namespace {

const uint32_t kL0RangingMs = 30;  // inside the driver's 33 ms budget
const uint32_t kL1RangingMs = 45;  // inside its 50 ms
const double kMaxRangeMm = 2000;   // beyond: no target (VL53L0X long range, VL53L1X short mode)

}  // namespace

Vl53Model::Vl53Model(bool l1x, const Wave& distance, const Faults& faults)
    : I2cModel(faults), l1x_(l1x), distance_(distance), pointer_(0), ranging_(false), readyAtMs_(0), rangeMm_(0),
      rangeStatus_(0) {
  if (l1x_) {
    regs_[vl53::kL1ModelId] = 0xEA;
    regs_[vl53::kL1ModelId + 1] = 0xCC;
    regs_[vl53::kL1SystemStatus] = 0x01;  // booted
  } else {
    regs_[vl53::kL0ModelId] = vl53::kL0ModelIdValue;
    regs_[0x91] = 0x3C;  // the stop variable
  }
}

void Vl53Model::write(uint16_t reg, uint8_t value, uint64_t nowMs) {
  const bool start = l1x_ ? reg == vl53::kL1ModeStart && value == 0x10 : reg == vl53::kL0SysrangeStart && (value & 1);
  const bool clear = l1x_ ? reg == vl53::kL1InterruptClear : reg == vl53::kL0InterruptClear;
  if (start) {
    const double mm = distance_.at(nowMs);
    const bool valid = mm >= 0 && mm <= kMaxRangeMm;
    rangeMm_ = valid ? static_cast<uint16_t>(floor(mm + 0.5)) : (l1x_ ? 0 : vl53::kL0OutOfRange);
    rangeStatus_ = valid ? (l1x_ ? vl53::kL1RangeValid : vl53::kL0RangeValid) : 4;  // 4: phase out of range
    ranging_ = true;
    readyAtMs_ = nowMs + (l1x_ ? kL1RangingMs : kL0RangingMs);
    return;
  }
  if (clear && (value & 1)) {
    ranging_ = false;
    return;
  }
  regs_[reg] = value;
}

uint8_t Vl53Model::read(uint16_t reg, uint64_t nowMs) {
  const bool ready = ranging_ && nowMs >= readyAtMs_;
  if (l1x_) {
    if (reg == vl53::kL1GpioTioHvStatus) return ready ? 0x02 : 0x03;  // bit 0 low when a result waits
    if (reg == vl53::kL1ResultRangeStatus) return rangeStatus_;
    if (reg == vl53::kL1ResultRangeMm) return static_cast<uint8_t>(rangeMm_ >> 8);
    if (reg == vl53::kL1ResultRangeMm + 1) return static_cast<uint8_t>(rangeMm_);
  } else {
    if (reg == vl53::kL0ResultInterruptStatus) return ready ? 0x04 : 0x00;
    if (reg == vl53::kL0ResultRangeStatus) return static_cast<uint8_t>(rangeStatus_ << 3 | 0x01);
    if (reg == vl53::kL0ResultRangeStatus + 10) return static_cast<uint8_t>(rangeMm_ >> 8);
    if (reg == vl53::kL0ResultRangeStatus + 11) return static_cast<uint8_t>(rangeMm_);
  }
  std::map<uint16_t, uint8_t>::const_iterator it = regs_.find(reg);
  return it == regs_.end() ? 0 : it->second;
}

platform::BusResult Vl53Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                        uint64_t nowMs) {
  // The register address (1 or 2 bytes), then data written there and on; a read continues from it.
  const size_t addressBytes = l1x_ ? 2 : 1;
  if (txLength >= addressBytes) {
    pointer_ = l1x_ ? static_cast<uint16_t>(tx[0] << 8 | tx[1]) : tx[0];
    for (size_t i = addressBytes; i < txLength; ++i) write(static_cast<uint16_t>(pointer_ + i - addressBytes), tx[i], nowMs);
  } else if (txLength > 0) {
    return platform::BusResult::Nack;
  }
  for (size_t i = 0; i < rxLength; ++i) rx[i] = read(static_cast<uint16_t>(pointer_ + i), nowMs);
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
