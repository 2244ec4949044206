#include "check.h"
#include "harbor/record_ring.h"

using harbor::Record;
using harbor::RecordRing;

namespace {

Record reading(double value) {
  Record r;
  r.timeMs = static_cast<int64_t>(value) * 1000;
  r.value = value;
  r.metricIndex = 0;
  r.flags = 0;
  return r;
}

}  // namespace

TEST_CASE("ring: keeps readings in order until full") {
  Record storage[4];
  RecordRing ring(storage, 4);
  CHECK(ring.empty());
  for (int i = 0; i < 4; ++i) CHECK(!ring.push(reading(i)));
  CHECK_EQ(ring.size(), 4u);
  CHECK_EQ(ring.dropped(), 0u);
  for (size_t i = 0; i < 4; ++i) CHECK_EQ(ring.at(i).value, static_cast<double>(i));
  CHECK_EQ(ring.frontSeq(), 0u);
  CHECK_EQ(ring.endSeq(), 4u);
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
  CHECK_EQ(ring.frontSeq(), 7u);
  CHECK_EQ(ring.endSeq(), 11u);
}

TEST_CASE("ring: releaseBefore removes a prefix across the wrap") {
  Record storage[4];
  RecordRing ring(storage, 4);
  for (int i = 0; i < 6; ++i) ring.push(reading(i));  // holds 2..5, head wrapped
  ring.releaseBefore(4);
  CHECK_EQ(ring.size(), 2u);
  CHECK_EQ(ring.at(0).value, 4.0);
  CHECK_EQ(ring.at(1).value, 5.0);
  ring.push(reading(6));
  ring.push(reading(7));
  ring.push(reading(8));
  CHECK_EQ(ring.size(), 4u);
  CHECK_EQ(ring.at(0).value, 5.0);
  CHECK_EQ(ring.at(3).value, 8.0);
}

TEST_CASE("ring: releasing readings already dropped or beyond the end is harmless") {
  Record storage[3];
  RecordRing ring(storage, 3);
  ring.push(reading(0));
  ring.push(reading(1));
  // A sender took 0..1; meanwhile the sampler overflowed the ring.
  for (int i = 2; i < 6; ++i) ring.push(reading(i));  // holds 3, 4, 5
  ring.releaseBefore(2);                              // 0 and 1 are gone already
  CHECK_EQ(ring.size(), 3u);
  CHECK_EQ(ring.at(0).value, 3.0);
  ring.releaseBefore(4);
  CHECK_EQ(ring.size(), 2u);
  CHECK_EQ(ring.at(0).value, 4.0);
  ring.releaseBefore(100);
  CHECK(ring.empty());
  CHECK_EQ(ring.frontSeq(), 6u);
  ring.push(reading(9));
  CHECK_EQ(ring.at(0).value, 9.0);
  CHECK_EQ(ring.frontSeq(), 6u);
}

TEST_CASE("ring: capacity one always holds the newest reading") {
  Record storage[1];
  RecordRing ring(storage, 1);
  CHECK(!ring.push(reading(1)));
  CHECK(ring.push(reading(2)));
  CHECK_EQ(ring.size(), 1u);
  CHECK_EQ(ring.at(0).value, 2.0);
  CHECK_EQ(ring.dropped(), 1u);
}

TEST_CASE("ring: releaseBefore returns how many readings it removed") {
  harbor::Record storage[4];
  harbor::RecordRing ring(storage, 4);
  harbor::Record r;
  r.timeMs = 0;
  r.value = 0;
  r.metricIndex = 0;
  r.flags = 0;
  for (int i = 0; i < 6; ++i) ring.push(r);  // 0 and 1 dropped
  CHECK_EQ(ring.releaseBefore(1), 0u);
  CHECK_EQ(ring.releaseBefore(4), 2u);
  CHECK_EQ(ring.releaseBefore(4), 0u);
  CHECK_EQ(ring.releaseBefore(100), 2u);
  CHECK(ring.empty());
}
