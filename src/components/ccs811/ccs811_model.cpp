#include "ccs811_model.h"

namespace harbor {
namespace host {

Ccs811Model::Ccs811Model(const Wave& eco2, const Wave& tvoc, const Faults& faults)
    : I2cModel(faults), eco2_(eco2), tvoc_(tvoc), application_(false), measuring_(false), pointer_(0), startedMs_(0),
      fetchedMs_(0) {}

platform::BusResult Ccs811Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                          uint64_t nowMs) {
  if (txLength > 0) {
    pointer_ = tx[0];
    if (tx[0] == ccs811::kAppStart && txLength == 1 && rxLength == 0) application_ = true;
    if (tx[0] == ccs811::kRegMeasMode && txLength == 2) {
      if (!application_) return platform::BusResult::Nack;  // the boot loader has no such register
      measuring_ = (tx[1] & 0x70) == ccs811::kDriveMode1;
      startedMs_ = nowMs;
    }
  }
  if (rxLength == 0) return platform::BusResult::Ok;
  // Results complete on the part's own 1 s tick, counted from power-on (t = 0), the first a full
  // second after the mode was set; each holds the waves' values at the moment it completes.
  const uint64_t latest = nowMs / ccs811::kPeriodMs * ccs811::kPeriodMs;
  const bool any = measuring_ && latest >= startedMs_ + ccs811::kPeriodMs;
  const uint8_t status = static_cast<uint8_t>(ccs811::kStatusAppValid | (application_ ? ccs811::kStatusFwMode : 0) |
                                              (any && latest > fetchedMs_ ? ccs811::kStatusDataReady : 0));
  uint8_t regs[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  size_t length = 1;
  if (pointer_ == ccs811::kRegHwId) {
    regs[0] = ccs811::kHwId;
  } else if (pointer_ == ccs811::kRegStatus) {
    regs[0] = status;
  } else if (pointer_ == ccs811::kRegAlgResultData && application_) {
    const uint16_t eco2 = any ? rawWord(eco2_.at(latest), 400, 8192) : 0;
    const uint16_t tvoc = any ? rawWord(tvoc_.at(latest), 0, 1187) : 0;
    regs[0] = static_cast<uint8_t>(eco2 >> 8);
    regs[1] = static_cast<uint8_t>(eco2);
    regs[2] = static_cast<uint8_t>(tvoc >> 8);
    regs[3] = static_cast<uint8_t>(tvoc);
    regs[4] = status;
    length = 8;
    if (any) fetchedMs_ = latest;  // reading the result clears DATA_READY
  } else {
    return platform::BusResult::Nack;  // not modelled
  }
  for (size_t i = 0; i < rxLength; ++i) rx[i] = i < length ? regs[i] : 0;
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
