#include "check.h"
#include "harbor/record_ring.h"

using harbor::Record;
using harbor::RecordRing;

namespace {

Record reading(double value) {
  Record r;
  harbor::setRecordUtc(&r, harbor::kRecordEpochMs + static_cast<int64_t>(value) * 1000);
  r.value = value;
  r.cargo = 0;
  r.flags = 0;
  return r;
}

}  // namespace

TEST_CASE("record: 16 bytes keep UTC milliseconds to 2160 and refuse what they cannot hold") {
  CHECK_EQ(sizeof(Record), 16u);
  Record r;
  r.flags = 0;
  const int64_t t = 1795687200123LL;  // 2026-11-26T10:00:00.123Z
  CHECK(harbor::setRecordUtc(&r, t));
  CHECK_EQ(harbor::recordTimeMs(r), t);
  CHECK(harbor::setRecordUtc(&r, harbor::kRecordEpochMs + 0xFFFFFFFFLL * 1000 + 999));  // 2160-02-07
  CHECK_EQ(harbor::recordTimeMs(r), harbor::kRecordEpochMs + 0xFFFFFFFFLL * 1000 + 999);
  CHECK(!harbor::setRecordUtc(&r, harbor::kRecordEpochMs + 0x100000000LL * 1000));
  CHECK(!harbor::setRecordUtc(&r, harbor::kRecordEpochMs - 1));  // before 2024: a clock never set
  harbor::setRecordMonotonic(&r, 86400000ULL * 365 * 20 + 7);     // twenty years of uptime
  CHECK_EQ(r.flags & Record::kMonotonic, Record::kMonotonic);
  CHECK_EQ(harbor::recordTimeMs(r), static_cast<int64_t>(86400000ULL * 365 * 20 + 7));
}

TEST_CASE("ring: keeps readings in order until full") {
  Record storage[4];
  RecordRing ring(storage, 4);
  CHECK(ring.empty());
  for (int i = 0; i < 4; ++i) CHECK(!ring.push(reading(i)));
  CHECK_EQ(ring.size(), 4u);
  CHECK_EQ(ring.dropped(), 0u);
  for (size_t i = 0; i < 4; ++i) CHECK_EQ(ring.at(i).value, static_cast<double>(i));
}

TEST_CASE("ring: wraps, drops the oldest when full and counts the drops") {
  Record storage[4];
  RecordRing ring(storage, 4);
  int drops = 0;
  for (int i = 0; i < 11; ++i) drops += ring.push(reading(i)) ? 1 : 0;
  CHECK_EQ(drops, 7);
  CHECK_EQ(ring.dropped(), 7u);
  CHECK_EQ(ring.size(), 4u);
  // The newest four survive, oldest first.
  for (size_t i = 0; i < 4; ++i) CHECK_EQ(ring.at(i).value, static_cast<double>(7 + i));
}

TEST_CASE("ring: releaseFront removes a prefix across the wrap") {
  Record storage[4];
  RecordRing ring(storage, 4);
  for (int i = 0; i < 6; ++i) ring.push(reading(i));  // holds 2..5, head wrapped
  ring.releaseFront(2);
  CHECK_EQ(ring.size(), 2u);
  CHECK_EQ(ring.at(0).value, 4.0);
  CHECK_EQ(ring.at(1).value, 5.0);
  ring.push(reading(6));
  ring.push(reading(7));
  ring.push(reading(8));
  CHECK_EQ(ring.size(), 4u);
  CHECK_EQ(ring.at(0).value, 5.0);
  CHECK_EQ(ring.at(3).value, 8.0);
  ring.releaseFront(100);
  CHECK(ring.empty());
}

TEST_CASE("ring: a full ring drops the oldest unpinned reading, never a pinned one") {
  Record storage[5];
  RecordRing ring(storage, 5);
  for (int i = 0; i < 5; ++i) ring.push(reading(i));
  ring.setPinned(2);  // 0 and 1 were sent; their answer is not in yet
  CHECK(ring.push(reading(5)));
  CHECK(ring.push(reading(6)));
  const double expected[] = {0, 1, 4, 5, 6};
  for (size_t i = 0; i < 5; ++i) CHECK_EQ(ring.at(i).value, expected[i]);
  CHECK_EQ(ring.dropped(), 2u);
  ring.releaseFront(2);
  CHECK_EQ(ring.pinned(), 0u);
  CHECK_EQ(ring.at(0).value, 4.0);
}

TEST_CASE("ring: with every reading pinned, the newcomer is the one dropped") {
  Record storage[3];
  RecordRing ring(storage, 3);
  for (int i = 0; i < 3; ++i) ring.push(reading(i));
  ring.setPinned(3);
  CHECK(ring.push(reading(9)));
  CHECK_EQ(ring.dropped(), 1u);
  CHECK_EQ(ring.size(), 3u);
  for (size_t i = 0; i < 3; ++i) CHECK_EQ(ring.at(i).value, static_cast<double>(i));
}

TEST_CASE("ring: capacity one always holds the newest unsent reading") {
  Record storage[1];
  RecordRing ring(storage, 1);
  CHECK(!ring.push(reading(1)));
  CHECK(ring.push(reading(2)));
  CHECK_EQ(ring.size(), 1u);
  CHECK_EQ(ring.at(0).value, 2.0);
  CHECK_EQ(ring.dropped(), 1u);
}

TEST_CASE("ring: update rewrites a reading in place") {
  Record storage[3];
  RecordRing ring(storage, 3);
  for (int i = 0; i < 4; ++i) ring.push(reading(i));  // 1, 2, 3
  Record r = ring.at(1);
  r.value = 42;
  CHECK(ring.update(1, r));
  CHECK_EQ(ring.at(1).value, 42.0);
  CHECK(!ring.update(3, r));
}
