#include "harbor/sensors/ads1115.h"

#include <stdio.h>

namespace harbor {
namespace ads1115 {

uint16_t pgaBits(uint16_t rangeMv) {
  switch (rangeMv) {
    case 6144: return 0 << 9;
    case 4096: return 1 << 9;
    case 1024: return 3 << 9;
    case 512: return 4 << 9;
    case 256: return 5 << 9;
    default: return 2 << 9;  // 2.048 V, the power-on default
  }
}

uint16_t rateBits(uint16_t sps) {
  static const uint16_t kRates[8] = {8, 16, 32, 64, 128, 250, 475, 860};
  for (uint16_t code = 0; code < 8; ++code) {
    if (kRates[code] == sps) return static_cast<uint16_t>(code << 5);
  }
  return 4 << 5;  // 128 SPS, the power-on default
}

uint16_t singleEndedBits(uint8_t input) { return static_cast<uint16_t>((4 + (input & 3)) << 12); }

double volts(int16_t code, uint16_t rangeMv) { return code * (rangeMv / 1000.0) / 32768.0; }

}  // namespace ads1115

namespace {

const uint8_t kMaxPolls = 5;
const uint32_t kPollMs = 1;

}  // namespace

Ads1115::Ads1115(I2cBus& bus, uint8_t address, uint32_t intervalMs, uint16_t rangeMv, uint16_t sps, uint8_t inputs)
    : PolledSensor(name_, intervalMs),
      bus_(bus),
      address_(address),
      rangeMv_(rangeMv),
      config_(static_cast<uint16_t>(ads1115::pgaBits(rangeMv) | ads1115::kSingleShot | ads1115::rateBits(sps) |
                                    ads1115::kComparatorOff)),
      // One conversion lasts 1 / DR; the data rate may be 10 % slow (electrical characteristics).
      conversionMs_((1100u + sps - 1) / sps + 1),
      inputs_(static_cast<uint8_t>((inputs & 0x0F) ? inputs & 0x0F : 0x0F)),
      input_(0),
      polls_(0) {
  for (int i = 0; i < 4; ++i) codes_[i] = 0;
  snprintf(name_, sizeof name_, "ads1115 0x%02x", address);
}

uint8_t Ads1115::nextInput(uint8_t from) const {
  while (from < 4 && !(inputs_ & (1u << from))) ++from;
  return from;
}

PolledSensor::Result Ads1115::setup(uint64_t) {
  // No id register: an idle converter whose configuration reads back as written (OS reads 1 when idle).
  const uint8_t d[3] = {ads1115::kRegConfig, static_cast<uint8_t>(config_ >> 8), static_cast<uint8_t>(config_)};
  platform::BusResult r = bus_.write(address_, d, sizeof d);
  uint8_t back[2] = {0, 0};
  if (r == platform::BusResult::Ok) r = bus_.readRegisters(address_, ads1115::kRegConfig, back, sizeof back);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (static_cast<uint16_t>(back[0] << 8 | back[1]) != (config_ | ads1115::kStart)) return fail(ReadError::Absent);
  return done();
}

PolledSensor::Result Ads1115::convert() {
  const uint16_t config = static_cast<uint16_t>(config_ | ads1115::kStart | ads1115::singleEndedBits(input_));
  const uint8_t d[3] = {ads1115::kRegConfig, static_cast<uint8_t>(config >> 8), static_cast<uint8_t>(config)};
  const platform::BusResult r = bus_.write(address_, d, sizeof d);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  polls_ = 0;
  return waitMs(conversionMs_);
}

PolledSensor::Result Ads1115::start(uint64_t) {
  input_ = nextInput(0);
  return convert();
}

PolledSensor::Result Ads1115::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t d[2];
  platform::BusResult r = bus_.readRegisters(address_, ads1115::kRegConfig, d, sizeof d);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!(d[0] & (ads1115::kStart >> 8))) {  // OS 0: still converting
    if (++polls_ > kMaxPolls) return fail(ReadError::Timeout);
    return waitMs(kPollMs);
  }
  r = bus_.readRegisters(address_, ads1115::kRegConversion, d, sizeof d);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const int16_t code = static_cast<int16_t>(d[0] << 8 | d[1]);
  // 7FFFh and 8000h: the input is at or beyond the full-scale range ("Data Format").
  if (code == 32767 || code == -32768) return fail(ReadError::OutOfRange);
  codes_[input_] = code;
  input_ = nextInput(static_cast<uint8_t>(input_ + 1));
  if (input_ < 4) return convert();  // the next input, in its own step
  for (uint8_t i = 0; i < 4; ++i) {
    if (inputs_ & (1u << i)) out.emit(i, ads1115::volts(codes_[i], rangeMv_), takenMs);
  }
  return done();
}

}  // namespace harbor
