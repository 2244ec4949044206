#include "harbor/record_ring.h"

namespace harbor {

RecordRing::RecordRing(Record* storage, size_t capacity)
    : storage_(storage), capacity_(capacity), head_(0), size_(0), frontSeq_(0), dropped_(0) {}

bool RecordRing::push(const Record& record) {
  if (capacity_ == 0) {
    ++frontSeq_;
    ++dropped_;
    return true;
  }
  bool drop = false;
  if (size_ == capacity_) {
    head_ = (head_ + 1) % capacity_;
    --size_;
    ++frontSeq_;
    ++dropped_;
    drop = true;
  }
  storage_[(head_ + size_) % capacity_] = record;
  ++size_;
  return drop;
}

size_t RecordRing::releaseBefore(uint64_t seq) {
  if (seq <= frontSeq_) return 0;
  uint64_t n = seq - frontSeq_;
  if (n > size_) n = size_;
  if (n == 0) return 0;
  head_ = (head_ + static_cast<size_t>(n)) % capacity_;
  size_ -= static_cast<size_t>(n);
  frontSeq_ += n;
  return static_cast<size_t>(n);
}

}  // namespace harbor
