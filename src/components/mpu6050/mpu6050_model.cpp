#include "mpu6050_model.h"

#include <math.h>
#include <string.h>

namespace harbor {
namespace host {

namespace {

int16_t clip(double counts) {
  const double r = floor(counts + 0.5);
  if (r > 32767) return 32767;
  if (r < -32768) return -32768;
  return static_cast<int16_t>(r);
}

void put(uint8_t* p, int16_t v) {
  p[0] = static_cast<uint8_t>(static_cast<uint16_t>(v) >> 8);
  p[1] = static_cast<uint8_t>(v);
}

}  // namespace

Mpu6050Model::Mpu6050Model(const Wave& ax, const Wave& ay, const Wave& az, const Wave& gx, const Wave& gy,
                           const Wave& gz, const Wave& temperature, const Faults& faults)
    : I2cModel(faults), pointer_(0), lastMs_(0) {
  const Wave* w[7] = {&ax, &ay, &az, &gx, &gy, &gz, &temperature};
  for (int i = 0; i < 7; ++i) waves_[i] = *w[i];
  reset();
}

void Mpu6050Model::reset() {
  memset(regs_, 0, sizeof regs_);
  regs_[mpu6050::kRegPwrMgmt1] = mpu6050::kSleep;  // section 4.28: reset value 0x40
  regs_[mpu6050::kRegWhoAmI] = mpu6050::kWhoAmI;
}

void Mpu6050Model::sample(uint64_t nowMs) {
  uint8_t* d = regs_ + mpu6050::kRegData;
  if (regs_[mpu6050::kRegPwrMgmt1] & mpu6050::kSleep) return;  // asleep: the outputs keep what they had
  const double perG = mpu6050::accelLsbPerG(static_cast<uint8_t>(regs_[mpu6050::kRegAccelConfig] >> 3 & 3));
  const double perDps = mpu6050::gyroLsbPerDps(static_cast<uint8_t>(regs_[mpu6050::kRegGyroConfig] >> 3 & 3));
  for (int i = 0; i < 3; ++i) put(d + 2 * i, clip(waves_[i].at(nowMs) / mpu6050::kStandardGravity * perG));
  put(d + 6, clip((waves_[6].at(nowMs) - 36.53) * 340.0));
  for (int i = 0; i < 3; ++i) put(d + 8 + 2 * i, clip(waves_[3 + i].at(nowMs) * perDps));
}

platform::BusResult Mpu6050Model::transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                           uint64_t nowMs) {
  // Unplugged since the last transfer (the buses refuse transfers meanwhile, so
  // look back a second at a time): power was lost, it wakes up in its reset state.
  for (uint64_t t = lastMs_ + 1000; t < nowMs; t += 1000) {
    if (faults.unplugged(t)) {
      reset();
      break;
    }
  }
  lastMs_ = nowMs;
  if (txLength > 0) pointer_ = tx[0] & 0x7F;
  for (size_t i = 1; i < txLength; ++i) {
    const uint8_t reg = static_cast<uint8_t>((pointer_ + i - 1) & 0x7F);
    if (reg == mpu6050::kRegWhoAmI) continue;  // read-only
    regs_[reg] = tx[i];
    if (reg == mpu6050::kRegPwrMgmt1 && (tx[i] & 0x80)) reset();  // DEVICE_RESET
  }
  sample(nowMs);
  for (size_t i = 0; i < rxLength; ++i) rx[i] = regs_[(pointer_ + i) & 0x7F];
  return platform::BusResult::Ok;
}

}  // namespace host
}  // namespace harbor
