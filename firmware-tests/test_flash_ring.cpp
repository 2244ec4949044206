// The flash store over pages held in memory, with power cuts: a "reboot" is a
// new FlashRing over the same pages, and a torn write keeps only a prefix.
#include <string.h>

#include <vector>

#include "check.h"
#include "harbor/flash_ring.h"

using harbor::FlashRing;
using harbor::Record;

namespace {

const uint8_t kPerPage = 3;

class MemoryPages : public harbor::PageStore {
 public:
  explicit MemoryPages(uint32_t count) : bytes_(std::vector<uint8_t>(count * harbor::pageBytesFor(kPerPage), 0xFF)), count_(count) {}
  bool begin() override { return true; }
  uint32_t pageCount() const override { return count_; }
  size_t pageBytes() const override { return harbor::pageBytesFor(kPerPage); }
  bool read(uint32_t page, uint8_t* out) override {
    memcpy(out, &bytes_[page * pageBytes()], pageBytes());
    return true;
  }
  bool write(uint32_t page, const uint8_t* data) override {
    ++writes;
    // A cut during this write: only the first `tearAfter` bytes reach the flash.
    const size_t n = tearNext ? tearAfter : pageBytes();
    memcpy(&bytes_[page * pageBytes()], data, n);
    if (tearNext) {
      tearNext = false;
      return false;
    }
    return true;
  }
  bool tearNext = false;
  size_t tearAfter = 0;
  uint32_t writes = 0;

 private:
  std::vector<uint8_t> bytes_;
  uint32_t count_;
};

Record reading(int n) {
  Record r;
  harbor::setRecordUtc(&r, harbor::kRecordEpochMs + static_cast<int64_t>(n) * 10000);
  r.value = n;
  r.cargo = static_cast<uint8_t>(n % 3);
  r.flags = 0;
  return r;
}

// What a board keeps in RAM: lost at every cut.
struct Ram {
  Record tail[8];
  uint8_t page[64];
};

std::vector<double> values(const FlashRing& ring) {
  std::vector<double> out;
  for (size_t i = 0; i < ring.size(); ++i) out.push_back(ring.at(i).value);
  return out;
}

std::vector<double> range(int from, int to) {
  std::vector<double> out;
  for (int i = from; i < to; ++i) out.push_back(i);
  return out;
}

}  // namespace

TEST_CASE("flash ring: a page goes to flash per 3 readings; after a cut only the readings since the last page are gone") {
  MemoryPages pages(16);
  {
    Ram ram;
    FlashRing ring(pages, kPerPage, ram.tail, 8, ram.page);
    CHECK(ring.begin());
    for (int i = 0; i < 8; ++i) ring.push(reading(i));
    CHECK_EQ(ring.size(), 8u);
    CHECK_EQ(ring.persisted(), 6u);
    CHECK_EQ(ring.unpersisted(), 2u);  // readings 6 and 7: the loss window
    CHECK_EQ(ring.pageWrites(), 2u);
    CHECK_EQ(pages.writes, 2u);
    CHECK(values(ring) == range(0, 8));
  }
  Ram ram;
  FlashRing again(pages, kPerPage, ram.tail, 8, ram.page);
  CHECK(again.begin());
  CHECK_EQ(again.resumed(), 6u);
  CHECK(values(again) == range(0, 6));
  // Times, cargos and values come back as they were written.
  CHECK_EQ(harbor::recordTimeMs(again.at(5)), harbor::recordTimeMs(reading(5)));
  CHECK_EQ(static_cast<unsigned>(again.at(5).cargo), 2u);
  // New pages go after the old ones, not over them.
  for (int i = 6; i < 9; ++i) again.push(reading(i));
  CHECK(values(again) == range(0, 9));
}

TEST_CASE("flash ring: a release is not written, so a cut resends from the front the newest page names") {
  MemoryPages pages(16);
  {
    Ram ram;
    FlashRing ring(pages, kPerPage, ram.tail, 8, ram.page);
    ring.begin();
    for (int i = 0; i < 6; ++i) ring.push(reading(i));
    ring.releaseFront(4);  // a 2xx for 0-3: no write
    CHECK_EQ(pages.writes, 2u);
    CHECK(values(ring) == range(4, 6));
    for (int i = 6; i < 9; ++i) ring.push(reading(i));  // this page records the front: reading 4
  }
  {
    Ram ram;
    FlashRing ring(pages, kPerPage, ram.tail, 8, ram.page);
    ring.begin();
    CHECK(values(ring) == range(4, 9));
    ring.releaseFront(5);  // all sent; the pages still name reading 4
  }
  Ram ram;
  FlashRing ring(pages, kPerPage, ram.tail, 8, ram.page);
  ring.begin();
  CHECK(values(ring) == range(4, 9));  // sent again: they carry their time, so the Harbor stores them once
}

TEST_CASE("flash ring: a write torn by a cut loses only that page's readings") {
  MemoryPages pages(16);
  {
    Ram ram;
    FlashRing ring(pages, kPerPage, ram.tail, 8, ram.page);
    ring.begin();
    for (int i = 0; i < 6; ++i) ring.push(reading(i));
    pages.tearNext = true;
    pages.tearAfter = 40;  // the header and half the readings
    for (int i = 6; i < 9; ++i) ring.push(reading(i));
  }
  Ram ram;
  FlashRing ring(pages, kPerPage, ram.tail, 8, ram.page);
  ring.begin();
  CHECK(values(ring) == range(0, 6));
  CHECK_EQ(ring.lostOnResume(), 0u);
  // The torn page's place is written again with the next page.
  for (int i = 100; i < 103; ++i) ring.push(reading(i));
  std::vector<double> want = range(0, 6);
  want.push_back(100);
  want.push_back(101);
  want.push_back(102);
  CHECK(values(ring) == want);
}

TEST_CASE("flash ring: full flash drops the oldest page and counts it, but never one holding readings in flight") {
  MemoryPages pages(4);
  Ram ram;
  FlashRing ring(pages, kPerPage, ram.tail, 8, ram.page);
  ring.begin();
  CHECK_EQ(ring.capacity(), 12u);
  for (int i = 0; i < 12; ++i) ring.push(reading(i));
  CHECK_EQ(ring.dropped(), 0u);
  for (int i = 12; i < 15; ++i) ring.push(reading(i));
  CHECK_EQ(ring.dropped(), 3u);
  CHECK(values(ring) == range(3, 15));
  // Readings 3-5 in flight: the page holding them stays; the tail waits in RAM.
  ring.setPinned(3);
  for (int i = 15; i < 18; ++i) ring.push(reading(i));
  CHECK_EQ(ring.dropped(), 3u);
  CHECK_EQ(ring.unpersisted(), 3u);
  // Their 2xx frees the page, and the tail goes to flash.
  ring.releaseFront(3);
  CHECK_EQ(ring.unpersisted(), 0u);
  CHECK(values(ring) == range(6, 18));
}

TEST_CASE("flash ring: a torn write over the oldest page of a full ring: the resume counts what was lost") {
  MemoryPages pages(4);
  {
    Ram ram;
    FlashRing ring(pages, kPerPage, ram.tail, 8, ram.page);
    ring.begin();
    for (int i = 0; i < 12; ++i) ring.push(reading(i));
    pages.tearNext = true;  // dropping page 0 (readings 0-2) for readings 12-14, torn
    pages.tearAfter = 10;
    for (int i = 12; i < 15; ++i) ring.push(reading(i));
  }
  Ram ram;
  FlashRing ring(pages, kPerPage, ram.tail, 8, ram.page);
  ring.begin();
  CHECK(values(ring) == range(3, 12));
  CHECK_EQ(ring.lostOnResume(), 3u);
}

TEST_CASE("flash ring: readings stamped before the clock stay in RAM until stamped; flash refuses updates") {
  MemoryPages pages(16);
  Ram ram;
  FlashRing ring(pages, kPerPage, ram.tail, 8, ram.page);
  ring.begin();
  for (int i = 0; i < 3; ++i) ring.push(reading(i));
  for (int i = 0; i < 4; ++i) {
    Record r = reading(3 + i);
    harbor::setRecordMonotonic(&r, 1000 + i);
    ring.push(r);
  }
  CHECK_EQ(ring.persisted(), 3u);
  CHECK_EQ(ring.unpersisted(), 4u);
  CHECK(!ring.update(0, reading(0)));
  for (size_t i = ring.persisted(); i < ring.size(); ++i) {
    Record r = ring.at(i);
    CHECK(harbor::setRecordUtc(&r, harbor::kRecordEpochMs + 5000));
    CHECK(ring.update(i, r));
  }
  ring.push(reading(7));  // the stamped readings go out in pages of 3
  CHECK_EQ(ring.persisted(), 6u);
  CHECK_EQ(ring.unpersisted(), 2u);
}
