// The RAM store: a FIFO of readings in caller-provided static storage. When
// full, a push drops the oldest reading that was never sent (see
// record_store.h): during a long outage the newest data is worth most.
// Not thread-safe: callers hold platform::lock().
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/record_store.h"

namespace harbor {

class RecordRing : public RecordStore {
 public:
  RecordRing(Record* storage, size_t capacity);

  size_t size() const override { return size_; }
  size_t capacity() const override { return capacity_; }
  Record at(size_t i) const override { return storage_[index(i)]; }
  bool update(size_t i, const Record& record) override;
  bool push(const Record& record) override;
  void releaseFront(size_t n) override;
  void setPinned(size_t n) override { pinned_ = n < size_ ? n : size_; }
  size_t pinned() const override { return pinned_; }
  uint32_t dropped() const override { return dropped_; }

 private:
  size_t index(size_t i) const { return (head_ + i) % capacity_; }

  Record* storage_;
  size_t capacity_;
  size_t head_;
  size_t size_;
  size_t pinned_;
  uint32_t dropped_;
};

}  // namespace harbor
