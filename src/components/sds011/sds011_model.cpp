#include "sds011_model.h"

#include <math.h>

namespace harbor {
namespace host {

const uint32_t Sds011Model::kPeriodMs;

namespace {

const uint8_t kId1 = 0xA1;  // this sensor's device ID
const uint8_t kId2 = 0x60;

uint16_t tenths(double ug) { return ug <= 0 ? 0 : static_cast<uint16_t>(floor(ug * 10 + 0.5)); }

}  // namespace

Sds011Model::Sds011Model(const Wave& pm2_5, const Wave& pm10, const Faults& faults)
    : UartModel(faults), pm2_5_(pm2_5), pm10_(pm10), line_(9600), query_(false), nextFrameMs_(kPeriodMs),
      have_(0), commands_(0) {}

void Sds011Model::dataFrame(uint64_t atMs) {
  const uint16_t a = tenths(pm2_5_.at(atMs));
  const uint16_t b = tenths(pm10_.at(atMs));
  uint8_t f[sds011::kFrameLength] = {sds011::kHead, sds011::kData, static_cast<uint8_t>(a), static_cast<uint8_t>(a >> 8),
                                     static_cast<uint8_t>(b), static_cast<uint8_t>(b >> 8), kId1, kId2, 0, sds011::kTail};
  f[8] = sds011::checksum(f + 2, 6);
  line_.send(f, sizeof f, atMs);
}

void Sds011Model::produce(uint64_t nowMs) {
  if (query_) return;
  // Older frames would only overflow the receive buffer.
  const uint64_t backlog = 32ULL * kPeriodMs;
  if (nowMs > backlog && nextFrameMs_ < nowMs - backlog) nextFrameMs_ += (nowMs - backlog - nextFrameMs_) / kPeriodMs * kPeriodMs;
  for (; nextFrameMs_ <= nowMs; nextFrameMs_ += kPeriodMs) dataFrame(nextFrameMs_);
}

void Sds011Model::receive(const uint8_t* data, size_t length, uint64_t nowMs) {
  produce(nowMs);
  for (size_t i = 0; i < length; ++i) {
    const uint8_t b = data[i];
    if (have_ == 0 && b != sds011::kHead) continue;
    if (have_ == 1 && b != sds011::kSend) {
      have_ = b == sds011::kHead ? 1 : 0;
      continue;
    }
    command_[have_++] = b;
    if (have_ < sds011::kCommandLength) continue;
    have_ = 0;
    if (command_[18] != sds011::kTail || sds011::checksum(command_ + 2, 15) != command_[17]) continue;
    ++commands_;
    if (command_[2] == sds011::kReportMode) {
      if (command_[3] == 1) {
        const bool was = query_;
        query_ = command_[4] == 1;
        if (was && !query_) nextFrameMs_ = nowMs + kPeriodMs;
      }
      uint8_t r[sds011::kFrameLength] = {sds011::kHead, sds011::kReply, sds011::kReportMode, command_[3],
                                         static_cast<uint8_t>(query_ ? 1 : 0), 0, kId1, kId2, 0, sds011::kTail};
      r[8] = sds011::checksum(r + 2, 6);
      line_.send(r, sizeof r, nowMs + 2);
    } else if (command_[2] == sds011::kQuery && query_) {
      dataFrame(nowMs + 2);
    }
  }
}

size_t Sds011Model::transmit(uint8_t* data, size_t capacity, uint64_t nowMs) {
  produce(nowMs);
  return line_.read(data, capacity, nowMs);
}

}  // namespace host
}  // namespace harbor
