#include <math.h>

#include <limits>
#include <vector>

#include "check.h"
#include "fake_platform.h"
#include "harbor/sampler.h"
#include "harbor/shared_state.h"

using harbor::DeviceConfig;
using harbor::Metric;
using harbor::Record;
using harbor::Sampler;
using harbor::SharedState;
using harbor::Source;

namespace {

Metric metric(const char* id, Source source, uint32_t intervalMs) {
  Metric m = {id, source, intervalMs, -1, 1.0, 0.0, 0.0, 0};
  return m;
}

DeviceConfig configFor(const Metric* metrics, uint8_t count) {
  DeviceConfig c = {"ship", "esp32", "https://h/api", "", "k", "w", "p", 0, false,
                    {50, 12288, 30000}, metrics, count};
  return c;
}

std::vector<Record> readingsOf(SharedState& shared, uint8_t metricIndex) {
  std::vector<Record> out;
  for (size_t i = 0; i < shared.ring.size(); ++i) {
    if (shared.ring.at(i).metricIndex == metricIndex) out.push_back(shared.ring.at(i));
  }
  return out;
}

}  // namespace

TEST_CASE("sampler: each metric keeps its own schedule without drift") {
  fake::reset();
  const Metric metrics[] = {metric("a", Source::WifiRssi, 1000), metric("b", Source::FreeHeap, 2500)};
  const DeviceConfig config = configFor(metrics, 2);
  Record storage[100];
  SharedState shared(storage, 100);
  Sampler sampler(config);
  sampler.start(0);
  // The loop always wakes 7 ms late; the schedule must not slide by 7 ms each time.
  while (true) {
    const uint64_t due = sampler.nextDueMs();
    if (due >= 10000) break;
    fake::state().nowMs = due + 7;
    sampler.sampleDue(fake::state().nowMs, shared);
  }
  const std::vector<Record> a = readingsOf(shared, 0);
  const std::vector<Record> b = readingsOf(shared, 1);
  CHECK_EQ(a.size(), 10u);
  CHECK_EQ(b.size(), 4u);
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK_EQ(a[i].timeMs, fake::state().offsetMs + static_cast<int64_t>(i * 1000 + 7));
  }
  for (size_t i = 0; i < b.size(); ++i) {
    CHECK_EQ(b[i].timeMs, fake::state().offsetMs + static_cast<int64_t>(i * 2500 + 7));
  }
  CHECK_EQ(shared.stats.sampled, 14u);
}

TEST_CASE("sampler: late by several intervals, one reading and back on the grid") {
  fake::reset();
  const Metric metrics[] = {metric("a", Source::WifiRssi, 1000)};
  const DeviceConfig config = configFor(metrics, 1);
  Record storage[10];
  SharedState shared(storage, 10);
  Sampler sampler(config);
  sampler.start(0);
  sampler.sampleDue(0, shared);
  fake::state().nowMs = 5500;  // e.g. a long blocking send
  sampler.sampleDue(5500, shared);
  CHECK_EQ(shared.ring.size(), 2u);
  CHECK_EQ(sampler.nextDueMs(), 6000u);
  fake::state().nowMs = 6000;
  sampler.sampleDue(6000, shared);
  CHECK_EQ(shared.ring.size(), 3u);
  CHECK_EQ(sampler.nextDueMs(), 7000u);
}

TEST_CASE("sampler: readings are stamped UTC when synced, monotonic before") {
  fake::reset();
  fake::state().synced = false;
  const Metric metrics[] = {metric("a", Source::WifiRssi, 1000)};
  const DeviceConfig config = configFor(metrics, 1);
  Record storage[10];
  SharedState shared(storage, 10);
  Sampler sampler(config);
  sampler.start(0);
  fake::state().nowMs = 0;
  sampler.sampleDue(0, shared);
  CHECK_EQ(shared.ring.at(0).flags, Record::kMonotonic);
  CHECK_EQ(shared.ring.at(0).timeMs, 0);
  CHECK(shared.hasMonotonic);
  fake::state().synced = true;
  fake::state().nowMs = 1000;
  sampler.sampleDue(1000, shared);
  CHECK_EQ(shared.ring.at(1).flags, 0);
  CHECK_EQ(shared.ring.at(1).timeMs, fake::state().offsetMs + 1000);
  shared.stampUtc(fake::state().offsetMs);
  CHECK_EQ(shared.ring.at(0).flags, 0);
  CHECK_EQ(shared.ring.at(0).timeMs, fake::state().offsetMs);
  CHECK_EQ(shared.ring.at(1).timeMs, fake::state().offsetMs + 1000);  // not converted twice
  CHECK(!shared.hasMonotonic);
}

TEST_CASE("sampler: failed and non-finite reads are counted, never buffered") {
  fake::reset();
  const Metric metrics[] = {metric("a", Source::WifiRssi, 1000)};
  const DeviceConfig config = configFor(metrics, 1);
  Record storage[10];
  SharedState shared(storage, 10);
  Sampler sampler(config);
  sampler.start(0);
  fake::state().builtinOk = false;
  sampler.sampleDue(0, shared);
  fake::state().builtinOk = true;
  fake::state().builtinValue = std::numeric_limits<double>::quiet_NaN();
  sampler.sampleDue(1000, shared);
  fake::state().builtinValue = std::numeric_limits<double>::infinity();
  sampler.sampleDue(2000, shared);
  CHECK(shared.ring.empty());
  CHECK_EQ(shared.stats.readFailures, 3u);
  CHECK_EQ(shared.stats.sampled, 0u);
  fake::state().builtinValue = -70;
  sampler.sampleDue(3000, shared);
  CHECK_EQ(shared.ring.size(), 1u);
  CHECK_EQ(shared.ring.at(0).value, -70.0);
}

TEST_CASE("sampler: simulated source is base + amplitude * sin(2 pi t / period)") {
  fake::reset();
  Metric m = metric("sim", Source::Simulated, 1000);
  m.offset = 20;
  m.simAmplitude = 10;
  m.simPeriodMs = 60000;
  double v = 0;
  bool failed = true;
  Record storage[1];
  SharedState shared(storage, 1);
  CHECK(Sampler::read(m, 0, shared, &v, &failed));
  CHECK(!failed);
  CHECK(fabs(v - 20) < 1e-9);
  CHECK(Sampler::read(m, 15000, shared, &v, &failed));
  CHECK(fabs(v - 30) < 1e-9);
  CHECK(Sampler::read(m, 45000, shared, &v, &failed));
  CHECK(fabs(v - 10) < 1e-9);
  CHECK(Sampler::read(m, 60000 * 7 + 15000, shared, &v, &failed));
  CHECK(fabs(v - 30) < 1e-9);
}

TEST_CASE("sampler: analog millivolts get scale and offset; uptime in seconds") {
  fake::reset();
  Metric analog = metric("soil", Source::AnalogMillivolts, 1000);
  analog.pin = 34;
  analog.scale = 0.1;
  analog.offset = -50;
  fake::state().analogMillivolts = 1234;
  Record storage[1];
  SharedState shared(storage, 1);
  double v = 0;
  bool failed = true;
  CHECK(Sampler::read(analog, 0, shared, &v, &failed));
  CHECK(fabs(v - 73.4) < 1e-9);
  const Metric uptime = metric("uptime", Source::Uptime, 1000);
  CHECK(Sampler::read(uptime, 125999, shared, &v, &failed));
  CHECK_EQ(v, 125.0);
}

TEST_CASE("sampler: dropped is reported only when readings were dropped") {
  fake::reset();
  Record storage[2];
  SharedState shared(storage, 2);
  const Metric dropped = metric("dropped", Source::Dropped, 1000);
  const Metric failures = metric("send_failures", Source::SendFailures, 1000);
  double v = -1;
  bool failed = true;
  CHECK(!Sampler::read(dropped, 0, shared, &v, &failed));
  CHECK(!failed);  // nothing to report is not a failed read
  CHECK(Sampler::read(failures, 0, shared, &v, &failed));
  CHECK_EQ(v, 0.0);
  Record r = {0, 1.0, 0, 0};
  for (int i = 0; i < 5; ++i) shared.ring.push(r);
  shared.stats.sendFailures = 4;
  CHECK(Sampler::read(dropped, 0, shared, &v, &failed));
  CHECK_EQ(v, 3.0);
  CHECK(Sampler::read(failures, 0, shared, &v, &failed));
  CHECK_EQ(v, 4.0);
  CHECK_EQ(fake::state().maxLockDepth, 1);
}

TEST_CASE("sampler: stop() ends sampling; a zero interval is never sampled") {
  fake::reset();
  const Metric metrics[] = {metric("a", Source::WifiRssi, 0), metric("b", Source::WifiRssi, 1000)};
  const DeviceConfig config = configFor(metrics, 2);
  Record storage[10];
  SharedState shared(storage, 10);
  Sampler sampler(config);
  sampler.start(0);
  sampler.sampleDue(0, shared);
  CHECK_EQ(shared.ring.size(), 1u);
  CHECK_EQ(shared.ring.at(0).metricIndex, 1);
  sampler.stop();
  CHECK_EQ(sampler.nextDueMs(), UINT64_MAX);
  sampler.sampleDue(5000, shared);
  CHECK_EQ(shared.ring.size(), 1u);
}
