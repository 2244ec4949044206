#include "ens160_model.h"

#include <string.h>

namespace harbor {
namespace host {

Ens160Model::Ens160Model(uint32_t warmUpMs, const Wave& aqi, const Wave& tvoc, const Wave& eco2, const Faults& faults)
    : I2cModel(faults), warmUpMs_(warmUpMs), aqi_(aqi), tvoc_(tvoc), eco2_(eco2), pointer_(0), standard_(false),
      startedMs_(0), fetched_(0) {
  memset(regs_, 0, sizeof regs_);
  regs_[ens160::kRegPartId] = static_cast<uint8_t>(ens160::kPartId & 0xFF);
  regs_[ens160::kRegPartId + 1] = static_cast<uint8_t>(ens160::kPartId >> 8);
}

void Ens160Model::update(uint64_t nowMs) {
  const uint64_t done = standard_ ? (nowMs - startedMs_) / ens160::kPeriodMs : 0;
  const uint8_t validity = nowMs < warmUpMs_ ? 1 : 0;  // counted from power-on, t = 0
  uint8_t status = static_cast<uint8_t>((standard_ ? 0x80 : 0) | validity << 2);
  if (done > fetched_) {
    status |= ens160::kStatusNewData;
    const uint64_t at = startedMs_ + done * ens160::kPeriodMs;
    const uint16_t tvoc = rawWord(tvoc_.at(at), 0, 65000);
    const uint16_t eco2 = rawWord(eco2_.at(at), 400, 65000);
    regs_[0x21] = static_cast<uint8_t>(rawWord(aqi_.at(at), 1, 5));
    regs_[0x22] = static_cast<uint8_t>(tvoc & 0xFF);
    regs_[0x23] = static_cast<uint8_t>(tvoc >> 8);
    regs_[0x24] = static_cast<uint8_t>(eco2 & 0xFF);
    regs_[0x25] = static_cast<uint8_t>(eco2 >> 8);
  }
  regs_[ens160::kRegStatus] = status;
}

platform::BusResult Ens160Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                          uint64_t nowMs) {
  // The first byte is the register address; what follows is written there and on (auto-increment).
  if (txLength > 0) pointer_ = tx[0];
  for (size_t i = 1; i < txLength; ++i) {
    const uint8_t reg = static_cast<uint8_t>(tx[0] + i - 1);
    if (reg == ens160::kRegOpMode) {
      standard_ = tx[i] == ens160::kOpModeStandard;
      startedMs_ = nowMs;
      fetched_ = 0;
    }
    if (reg >= 0x10 && reg < 0x20) regs_[reg] = tx[i];  // the writable registers
  }
  if (rxLength == 0) return platform::BusResult::Ok;
  update(nowMs);
  for (size_t i = 0; i < rxLength; ++i) rx[i] = regs_[static_cast<uint8_t>(pointer_ + i)];
  // Reading the data registers clears NEWDAT.
  if (pointer_ <= 0x25 && pointer_ + rxLength > 0x21 && standard_) fetched_ = (nowMs - startedMs_) / ens160::kPeriodMs;
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
