// The flash store: readings survive a power cut, a watchdog reset or a crash.
//
// New readings wait in a small RAM ring (the tail) until `recordsPerPage` of
// them are stamped with UTC; then they are written to flash as one page and
// leave the tail. So the readings a power cut can lose are the tail's: fewer
// than one page, all taken since the last page write (plus, until the clock
// is set after boot, every reading taken since: a monotonic stamp means
// nothing after a reboot). unpersisted() says how many that is right now.
//
// Pages are written in sequence around the ring, never rewritten in place, so
// a write torn by a power cut damages only the page it was writing. Each
// page carries its sequence number, where the oldest unreleased reading was
// when it was written, and a CRC-32. After a reboot begin() finds the newest
// valid page and resumes from the front it names: readings released since
// that write are sent again, which the Harbor stores once (they carry their
// time; see record.h for those that do not, which are never in flash).
// Releasing costs no write.
//
// When flash is full, the oldest page is dropped (counted) to make room,
// unless it holds readings in flight (pinned): then the tail holds on and
// drops its own oldest once it is full. Not thread-safe: callers hold platform::lock().
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/page_store.h"
#include "harbor/record_ring.h"
#include "harbor/record_store.h"

namespace harbor {

// The 16 bytes at the start of every page, then recordsPerPage Records.
struct PageHeader {
  uint16_t magic;      // kPageMagic
  uint8_t records;     // recordsPerPage: a page of another layout is not ours
  uint8_t frontIndex;  // the oldest unreleased reading when written: page frontSeq, this index
  uint32_t seq;        // 0, 1, 2, ...: lives at page seq % pageCount
  uint32_t frontSeq;
  uint32_t crc;        // CRC-32 of the 12 bytes above and the records
};
static_assert(sizeof(PageHeader) == 16, "a page header is 16 bytes");

const uint16_t kPageMagic = 0x4248;  // "HB"

// Bytes of a page holding `records` readings.
inline size_t pageBytesFor(size_t records) { return sizeof(PageHeader) + records * sizeof(Record); }

class FlashRing : public RecordStore {
 public:
  // `pages` of pageBytesFor(recordsPerPage) bytes; `tail` of `tailCapacity`
  // readings (at least recordsPerPage) and `pageBuffer` of one page's bytes
  // are the ring's RAM, and must outlive it. recordsPerPage is 1 to 255.
  FlashRing(PageStore& pages, uint8_t recordsPerPage, Record* tail, size_t tailCapacity, uint8_t* pageBuffer);

  // Mounts the pages and resumes from what is on them.
  bool begin() override;

  size_t size() const override { return persisted() + tail_.size(); }
  size_t capacity() const override { return static_cast<size_t>(pages_.pageCount()) * perPage_; }
  Record at(size_t i) const override;
  bool update(size_t i, const Record& record) override;
  bool push(const Record& record) override;
  void releaseFront(size_t n) override;
  void setPinned(size_t n) override;
  size_t pinned() const override { return pinned_; }
  uint32_t dropped() const override { return dropped_ + tail_.dropped(); }
  size_t persisted() const override;
  uint64_t frontMark() const override { return static_cast<uint64_t>(frontSeq_) * perPage_ + frontIndex_; }
  void releaseToMark(uint64_t mark) override;

  // Readings a power cut now would lose: those not yet in flash.
  size_t unpersisted() const override { return tail_.size(); }
  // Pages written since boot.
  uint32_t pageWrites() const { return pageWrites_; }
  // Readings found on flash by begin(), and those it found lost (a torn
  // page where an older one was expected).
  uint32_t resumed() const { return resumed_; }
  uint32_t lostOnResume() const { return lostOnResume_; }
  bool usable() const { return usable_; }

 private:
  FlashRing(const FlashRing&);
  FlashRing& operator=(const FlashRing&);

  uint32_t livePages() const { return nextSeq_ - frontSeq_; }
  // Reads page `seq` into the buffer; false when it is not a valid page `seq`.
  bool load(uint32_t seq) const;
  void flush();
  void syncPins();

  PageStore& pages_;
  uint8_t perPage_;
  RecordRing tail_;
  uint8_t* buffer_;
  mutable uint32_t cachedSeq_;
  mutable bool cacheValid_;
  bool usable_;
  bool writeFailed_;
  uint32_t frontSeq_;
  uint8_t frontIndex_;
  uint32_t nextSeq_;
  size_t pinned_;
  uint32_t dropped_;
  uint32_t pageWrites_;
  uint32_t resumed_;
  uint32_t lostOnResume_;
};

}  // namespace harbor
