// A UART device's TX line into the board's receive buffer, for host models:
// bytes arrive one at a time at the line's rate (10 bits a byte, 8N1), so a
// read in the middle of a frame gets part of it, as on a board; bytes that
// arrive while the receive buffer is full are lost, as the boards' drivers
// lose them.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <deque>

namespace harbor {
namespace host {

class UartLine {
 public:
  // `capacity`: the board's receive buffer (the adapters allocate 256 bytes).
  explicit UartLine(uint32_t baud, size_t capacity = 256) : baud_(baud), capacity_(capacity), freeAtUs_(0) {}

  // Sends `data` starting at `startMs`, or when the line is free, whichever is later.
  void send(const uint8_t* data, size_t length, uint64_t startMs) {
    uint64_t at = startMs * 1000 > freeAtUs_ ? startMs * 1000 : freeAtUs_;
    for (size_t i = 0; i < length; ++i) {
      at += byteUs();
      Byte b = {at, data[i]};
      pending_.push_back(b);
    }
    freeAtUs_ = at;
  }

  // What has arrived by `nowMs`, oldest first, at most `capacity` bytes.
  size_t read(uint8_t* data, size_t capacity, uint64_t nowMs) {
    const uint64_t nowUs = nowMs * 1000;
    // Arrived but beyond the receive buffer: lost.
    size_t arrived = 0;
    while (arrived < pending_.size() && pending_[arrived].atUs <= nowUs) ++arrived;
    if (arrived > capacity_) pending_.erase(pending_.begin() + static_cast<long>(capacity_), pending_.begin() + static_cast<long>(arrived));
    size_t n = 0;
    while (n < capacity && !pending_.empty() && pending_.front().atUs <= nowUs) {
      data[n++] = pending_.front().value;
      pending_.pop_front();
    }
    return n;
  }

  // The line's time for one byte, in microseconds.
  uint64_t byteUs() const { return (10ULL * 1000000 + baud_ - 1) / baud_; }
  // When the last byte sent so far has arrived, in ms (rounded up).
  uint64_t idleAtMs() const { return (freeAtUs_ + 999) / 1000; }

 private:
  struct Byte {
    uint64_t atUs;
    uint8_t value;
  };
  uint32_t baud_;
  size_t capacity_;
  uint64_t freeAtUs_;
  std::deque<Byte> pending_;
};

}  // namespace host
}  // namespace harbor
