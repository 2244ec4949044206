#include "harbor/flash_ring.h"

#include <string.h>

#include "harbor/bus/crc.h"
#include "harbor/flash_data.h"
#include "harbor/log.h"

namespace harbor {

namespace {

uint32_t pageCrc(const uint8_t* page, size_t bytes) {
  // Everything but the CRC field itself, which ends the header.
  const size_t crcAt = offsetof(PageHeader, crc);
  return crc32(page + sizeof(PageHeader), bytes - sizeof(PageHeader), crc32(page, crcAt));
}

}  // namespace

FlashRing::FlashRing(PageStore& pages, uint8_t recordsPerPage, Record* tail, size_t tailCapacity, uint8_t* pageBuffer)
    : pages_(pages),
      perPage_(recordsPerPage > 0 ? recordsPerPage : 1),
      tail_(tail, tailCapacity),
      buffer_(pageBuffer),
      cachedSeq_(0),
      cacheValid_(false),
      usable_(false),
      writeFailed_(false),
      frontSeq_(0),
      frontIndex_(0),
      nextSeq_(0),
      pinned_(0),
      dropped_(0),
      pageWrites_(0),
      resumed_(0),
      lostOnResume_(0) {}

size_t FlashRing::persisted() const {
  const uint32_t live = livePages();
  return live == 0 ? 0 : static_cast<size_t>(live) * perPage_ - frontIndex_;
}

bool FlashRing::load(uint32_t seq) const {
  if (cacheValid_ && cachedSeq_ == seq) return true;
  cacheValid_ = false;
  const size_t bytes = pages_.pageBytes();
  if (!pages_.read(seq % pages_.pageCount(), buffer_)) return false;
  PageHeader h;
  memcpy(&h, buffer_, sizeof h);
  if (h.magic != kPageMagic || h.records != perPage_ || h.seq != seq || h.frontIndex >= perPage_ ||
      h.crc != pageCrc(buffer_, bytes)) {
    return false;
  }
  cachedSeq_ = seq;
  cacheValid_ = true;
  return true;
}

bool FlashRing::begin() {
  usable_ = pages_.pageBytes() == pageBytesFor(perPage_) && pages_.pageCount() > 0 && pages_.begin();
  if (!usable_) {
    logText(HARBOR_TEXT("[harbor] ERROR: the flash buffer cannot be used: readings wait in RAM and a power cut loses them"));
    return false;
  }
  // The newest valid page names the front; a page that does not check out is
  // one a power cut tore (or never written).
  bool found = false;
  PageHeader newest;
  memset(&newest, 0, sizeof newest);
  const uint32_t count = pages_.pageCount();
  for (uint32_t page = 0; page < count; ++page) {
    if (!pages_.read(page, buffer_)) continue;
    PageHeader h;
    memcpy(&h, buffer_, sizeof h);
    if (h.magic != kPageMagic || h.records != perPage_ || h.seq % count != page ||
        h.crc != pageCrc(buffer_, pages_.pageBytes())) {
      continue;
    }
    if (!found || h.seq > newest.seq) newest = h;
    found = true;
  }
  cacheValid_ = false;
  if (!found) return true;
  nextSeq_ = newest.seq + 1;
  frontSeq_ = newest.frontSeq;
  frontIndex_ = newest.frontIndex < perPage_ ? newest.frontIndex : 0;
  if (frontSeq_ > newest.seq || nextSeq_ - frontSeq_ > count) {
    frontSeq_ = newest.seq;  // a header that cannot be: keep only the newest page
    frontIndex_ = 0;
  }
  // The pages from the front to the newest must all be there; a torn one
  // (the write that a cut interrupted, when the ring was full) ends the run.
  uint32_t first = newest.seq;
  while (first > frontSeq_ && load(first - 1)) --first;
  if (first > frontSeq_) {
    lostOnResume_ = static_cast<uint32_t>((first - frontSeq_) * perPage_ - frontIndex_);
    frontSeq_ = first;
    frontIndex_ = 0;
  }
  resumed_ = static_cast<uint32_t>(persisted());
  logText(HARBOR_TEXT("[harbor] flash buffer: %lu readings resumed from flash, %lu lost to a torn page"),
          static_cast<unsigned long>(resumed_), static_cast<unsigned long>(lostOnResume_));
  return true;
}

Record FlashRing::at(size_t i) const {
  const size_t inFlash = persisted();
  if (i >= inFlash) return tail_.at(i - inFlash);
  const size_t position = frontIndex_ + i;
  Record r;
  if (!load(frontSeq_ + static_cast<uint32_t>(position / perPage_))) {
    // Unreadable now though it checked out at boot: a cargo past every table
    // makes the sender drop it as unsendable (counted as rejected).
    memset(&r, 0, sizeof r);
    r.cargo = 0xFF;
    return r;
  }
  memcpy(&r, buffer_ + sizeof(PageHeader) + (position % perPage_) * sizeof(Record), sizeof r);
  return r;
}

bool FlashRing::update(size_t i, const Record& record) {
  const size_t inFlash = persisted();
  if (i < inFlash) return false;  // in flash: written once, never rewritten
  return tail_.update(i - inFlash, record);
}

bool FlashRing::push(const Record& record) {
  const uint32_t before = dropped();
  tail_.push(record);
  flush();
  return dropped() != before;
}

void FlashRing::releaseFront(size_t n) {
  if (n > size()) n = size();
  const size_t inFlash = persisted();
  const size_t fromFlash = n < inFlash ? n : inFlash;
  const size_t position = frontIndex_ + fromFlash;
  frontSeq_ += static_cast<uint32_t>(position / perPage_);
  frontIndex_ = static_cast<uint8_t>(position % perPage_);
  tail_.releaseFront(n - fromFlash);
  pinned_ = pinned_ > n ? pinned_ - n : 0;
  syncPins();
  flush();  // room in flash again, for readings the tail held while it was full
}

void FlashRing::releaseToMark(uint64_t mark) {
  const uint64_t here = frontMark();
  if (mark <= here) return;
  const uint64_t n = mark - here;
  releaseFront(static_cast<size_t>(n < persisted() ? n : persisted()));
}

void FlashRing::setPinned(size_t n) {
  pinned_ = n < size() ? n : size();
  syncPins();
}

void FlashRing::syncPins() {
  const size_t inFlash = persisted();
  tail_.setPinned(pinned_ > inFlash ? pinned_ - inFlash : 0);
}

// Writes the tail's oldest readings as pages while a whole page of them is
// stamped with UTC.
void FlashRing::flush() {
  if (!usable_ || writeFailed_) return;
  while (tail_.size() >= perPage_) {
    for (size_t i = 0; i < perPage_; ++i) {
      if (tail_.at(i).flags & Record::kMonotonic) return;
    }
    if (livePages() >= pages_.pageCount()) {
      // Full: the oldest page goes, unless a request in flight holds some of it.
      if (pinned_ > 0) return;
      dropped_ += perPage_ - frontIndex_;
      ++frontSeq_;
      frontIndex_ = 0;
    }
    if (livePages() == 0) {
      frontSeq_ = nextSeq_;
      frontIndex_ = 0;
    }
    PageHeader h;
    h.magic = kPageMagic;
    h.records = perPage_;
    h.frontIndex = frontIndex_;
    h.seq = nextSeq_;
    h.frontSeq = frontSeq_;
    h.crc = 0;
    for (size_t i = 0; i < perPage_; ++i) {
      const Record r = tail_.at(i);
      memcpy(buffer_ + sizeof h + i * sizeof r, &r, sizeof r);
    }
    memcpy(buffer_, &h, sizeof h);
    h.crc = pageCrc(buffer_, pages_.pageBytes());
    memcpy(buffer_, &h, sizeof h);
    cacheValid_ = false;
    if (!pages_.write(nextSeq_ % pages_.pageCount(), buffer_)) {
      writeFailed_ = true;
      logText(HARBOR_TEXT("[harbor] ERROR: a flash page write failed: readings wait in RAM from now on"));
      return;
    }
    cachedSeq_ = nextSeq_;
    cacheValid_ = true;
    ++nextSeq_;
    ++pageWrites_;
    tail_.releaseFront(perPage_);
    syncPins();
  }
}

}  // namespace harbor
