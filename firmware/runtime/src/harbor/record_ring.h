// FIFO of readings in caller-provided static storage. When full, a push
// overwrites the oldest reading and counts the drop: during a long outage the
// newest data is worth most. Not thread-safe: callers hold platform::lock().
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/device.h"

namespace harbor {

class RecordRing {
 public:
  RecordRing(Record* storage, size_t capacity);

  // Appends; returns true when the oldest reading was dropped to make room.
  bool push(const Record& record);

  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  uint32_t dropped() const { return dropped_; }

  // Every reading ever pushed has a sequence number. The sender remembers the
  // numbers it sent, so a commit removes exactly those readings even when the
  // sampler dropped some of them while the request was in flight.
  uint64_t frontSeq() const { return frontSeq_; }
  uint64_t endSeq() const { return frontSeq_ + size_; }

  // i-th oldest reading, 0 <= i < size().
  Record& at(size_t i) { return storage_[(head_ + i) % capacity_]; }
  const Record& at(size_t i) const { return storage_[(head_ + i) % capacity_]; }

  // Removes the readings numbered below `seq` that are still here; returns how
  // many it removed (fewer than asked when some were dropped meanwhile).
  size_t releaseBefore(uint64_t seq);

 private:
  Record* storage_;
  size_t capacity_;
  size_t head_;
  size_t size_;
  uint64_t frontSeq_;
  uint32_t dropped_;
};

}  // namespace harbor
