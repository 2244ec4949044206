#include "harbor/record_ring.h"

namespace harbor {

// C++11 needs one definition of a static const member that is bound to a reference.
const uint8_t Record::kMonotonic;
const uint8_t Record::kSentUntimed;

RecordRing::RecordRing(Record* storage, size_t capacity)
    : storage_(storage), capacity_(capacity), head_(0), size_(0), pinned_(0), dropped_(0) {}

bool RecordRing::update(size_t i, const Record& record) {
  if (i >= size_) return false;
  storage_[index(i)] = record;
  return true;
}

bool RecordRing::push(const Record& record) {
  if (capacity_ == 0 || (size_ == capacity_ && pinned_ >= size_)) {
    ++dropped_;  // everything here may already be stored: the newcomer goes
    return true;
  }
  bool drop = false;
  if (size_ == capacity_) {
    // Drop reading number `pinned_`, the oldest never sent: shift the pinned
    // prefix one slot towards the back over it (at most a batch of readings).
    for (size_t i = pinned_; i > 0; --i) storage_[index(i)] = storage_[index(i - 1)];
    head_ = (head_ + 1) % capacity_;
    --size_;
    ++dropped_;
    drop = true;
  }
  storage_[index(size_)] = record;
  ++size_;
  return drop;
}

void RecordRing::releaseFront(size_t n) {
  if (n > size_) n = size_;
  head_ = (head_ + n) % (capacity_ > 0 ? capacity_ : 1);
  size_ -= n;
  pinned_ = pinned_ > n ? pinned_ - n : 0;
}

}  // namespace harbor
