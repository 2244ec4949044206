#include "pms_model.h"

#include <math.h>

namespace harbor {
namespace host {

const uint32_t PmsModel::kActivePeriodMs;
const uint32_t PmsModel::kAnswerDelayMs;

namespace {

uint16_t ug(double value) { return value <= 0 ? 0 : static_cast<uint16_t>(floor(value + 0.5)); }

void put(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}

}  // namespace

PmsModel::PmsModel(const Wave& pm1, const Wave& pm2_5, const Wave& pm10, const Faults& faults)
    : UartModel(faults), pm1_(pm1), pm2_5_(pm2_5), pm10_(pm10), line_(9600), passive_(false),
      nextFrameMs_(kActivePeriodMs), have_(0), commands_(0) {}

void PmsModel::frameAt(uint64_t nowMs, uint8_t f[pms::kFrameLength]) const {
  const uint8_t* header = pms::header();
  for (int i = 0; i < 4; ++i) f[i] = header[i];
  const uint16_t pm1 = ug(pm1_.at(nowMs));
  const uint16_t pm2_5 = ug(pm2_5_.at(nowMs));
  const uint16_t pm10 = ug(pm10_.at(nowMs));
  // CF=1 values differ from the atmospheric ones (a driver reading the wrong
  // words is caught); the ratio is this model's, not the manual's.
  put(f + 4, ug(pm1 * 1.1));
  put(f + 6, ug(pm2_5 * 1.1));
  put(f + 8, ug(pm10 * 1.1));
  put(f + 10, pm1);
  put(f + 12, pm2_5);
  put(f + 14, pm10);
  // Particles per 0.1 L beyond 0.3, 0.5, 1.0, 2.5, 5 and 10 um.
  put(f + 16, static_cast<uint16_t>(pm2_5 * 100));
  put(f + 18, static_cast<uint16_t>(pm2_5 * 30));
  put(f + 20, static_cast<uint16_t>(pm2_5 * 5));
  put(f + 22, static_cast<uint16_t>(pm10 / 2));
  put(f + 24, 0);
  put(f + 26, 0);
  put(f + 28, 0x9700);  // data 13: version 0x97, error code 0 (as real PMS5003s send)
  put(f + 30, pms::checksum(f, pms::kFrameLength - 2));
}

void PmsModel::produce(uint64_t nowMs) {
  if (passive_) return;
  // Frames that would have been sent long before now only overflow the
  // receive buffer; start from the last few.
  const uint64_t backlog = 16ULL * kActivePeriodMs;
  if (nowMs > backlog && nextFrameMs_ < nowMs - backlog) {
    nextFrameMs_ += (nowMs - backlog - nextFrameMs_) / kActivePeriodMs * kActivePeriodMs;
  }
  while (nextFrameMs_ <= nowMs) {
    uint8_t f[pms::kFrameLength];
    frameAt(nextFrameMs_, f);
    line_.send(f, sizeof f, nextFrameMs_);
    nextFrameMs_ += kActivePeriodMs;
  }
}

void PmsModel::receive(const uint8_t* data, size_t length, uint64_t nowMs) {
  produce(nowMs);
  for (size_t i = 0; i < length; ++i) {
    const uint8_t b = data[i];
    if (have_ == 0 && b != 0x42) continue;
    if (have_ == 1 && b != 0x4D) {
      have_ = b == 0x42 ? 1 : 0;
      continue;
    }
    command_[have_++] = b;
    if (have_ < pms::kCommandLength) continue;
    have_ = 0;
    const uint16_t sum = pms::checksum(command_, 5);
    if (command_[5] != (sum >> 8) || command_[6] != (sum & 0xFF)) continue;  // not taken
    ++commands_;
    if (command_[2] == pms::kCmdMode) {
      const bool wasPassive = passive_;
      passive_ = command_[4] == 0;
      if (wasPassive && !passive_) nextFrameMs_ = nowMs + kActivePeriodMs;
    } else if (command_[2] == pms::kCmdRead && passive_) {
      uint8_t f[pms::kFrameLength];
      frameAt(nowMs, f);
      line_.send(f, sizeof f, nowMs + kAnswerDelayMs);
    }
  }
}

size_t PmsModel::transmit(uint8_t* data, size_t capacity, uint64_t nowMs) {
  produce(nowMs);
  return line_.read(data, capacity, nowMs);
}

}  // namespace host
}  // namespace harbor
