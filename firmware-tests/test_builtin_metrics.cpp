#include <math.h>

#include <limits>
#include <vector>

#include "check.h"
#include "fake_platform.h"
#include "harbor/builtin_metrics.h"
#include "host_models.h"
#include "uplink_rig.h"

using harbor::BuiltinMetric;
using harbor::MetricKind;
using harbor::MetricSpec;
using harbor::ReadError;

namespace {

const char* const kCargos[] = {"a", "b"};

MetricSpec spec(MetricKind kind, uint32_t intervalMs) {
  MetricSpec s = {static_cast<uint32_t>(kind), intervalMs, -1, 0, 1.0, 0.0, 0.0};
  return s;
}

struct Emitted {
  uint8_t channel;
  double value;
  uint64_t takenMs;
};

// Keeps what a component hands out.
struct Capture : harbor::Emitter {
  void emit(uint8_t channel, double value, uint64_t takenMs) override {
    Emitted e = {channel, value, takenMs};
    readings.push_back(e);
  }
  void fail(ReadError) override { ++failures; }
  void missed(uint32_t slots) override { missedSlots += slots; }
  void note(const char*) override {}
  std::vector<Emitted> readings;
  int failures = 0;
  uint32_t missedSlots = 0;
};

// Runs `metric` like the device does, waking `lateMs` after each time it asked for, until `untilMs`.
void runUntil(BuiltinMetric& metric, Capture& out, uint64_t untilMs, uint64_t lateMs = 0) {
  metric.begin(0);
  uint64_t next = 0;
  while (next < untilMs) {
    fake::state().nowMs = next + lateMs;
    next = metric.run(fake::state().nowMs, out);
  }
}

}  // namespace

TEST_CASE("metrics: each keeps its own grid, and a late loop does not make it drift") {
  fake::reset();
  fake::UplinkRig rig(kCargos, 2);
  const MetricSpec a = spec(MetricKind::WifiRssi, 1000);
  const MetricSpec b = spec(MetricKind::FreeHeap, 2500);
  BuiltinMetric ma(a, rig.uplink);
  BuiltinMetric mb(b, rig.uplink);
  Capture ca;
  Capture cb;
  // The loop always wakes 7 ms late; the schedule must not slide by 7 ms each time.
  runUntil(ma, ca, 10000, 7);
  runUntil(mb, cb, 10000, 7);
  CHECK_EQ(ca.readings.size(), 10u);
  CHECK_EQ(cb.readings.size(), 4u);
  for (size_t i = 0; i < ca.readings.size(); ++i) CHECK_EQ(ca.readings[i].takenMs, i * 1000 + 7);
  for (size_t i = 0; i < cb.readings.size(); ++i) CHECK_EQ(cb.readings[i].takenMs, i * 2500 + 7);
  CHECK_EQ(ca.missedSlots, 0u);
}

TEST_CASE("metrics: late by several intervals, one reading, the skipped slots counted, back on the grid") {
  fake::reset();
  fake::UplinkRig rig(kCargos, 2);
  const MetricSpec a = spec(MetricKind::WifiRssi, 1000);
  BuiltinMetric metric(a, rig.uplink);
  Capture out;
  metric.begin(0);
  CHECK_EQ(metric.run(0, out), 1000u);
  fake::state().nowMs = 5500;  // e.g. a long blocking send
  CHECK_EQ(metric.run(5500, out), 6000u);
  CHECK_EQ(out.readings.size(), 2u);
  CHECK_EQ(out.missedSlots, 4u);  // 1000, 2000, 3000 and 4000 passed unsampled
  CHECK_EQ(metric.run(6000, out), 7000u);
  CHECK_EQ(out.readings.size(), 3u);
  CHECK_EQ(out.missedSlots, 4u);
}

TEST_CASE("metrics: failed and non-finite reads are counted, never emitted") {
  fake::reset();
  fake::UplinkRig rig(kCargos, 2);
  const MetricSpec a = spec(MetricKind::WifiRssi, 1000);
  BuiltinMetric metric(a, rig.uplink);
  Capture out;
  metric.begin(0);
  fake::state().builtinOk = false;
  metric.run(0, out);
  fake::state().builtinOk = true;
  fake::state().builtinValue = std::numeric_limits<double>::quiet_NaN();
  metric.run(1000, out);
  fake::state().builtinValue = std::numeric_limits<double>::infinity();
  metric.run(2000, out);
  CHECK(out.readings.empty());
  CHECK_EQ(out.failures, 3);
  fake::state().builtinValue = -70;
  metric.run(3000, out);
  CHECK_EQ(out.readings.size(), 1u);
  CHECK_EQ(out.readings[0].value, -70.0);
}

TEST_CASE("metrics: simulated is offset + amplitude * sin(2 pi t / period)") {
  fake::reset();
  fake::UplinkRig rig(kCargos, 2);
  MetricSpec m = spec(MetricKind::Simulated, 1000);
  m.offset = 20;
  m.amplitude = 10;
  m.periodMs = 60000;
  double v = 0;
  bool failed = true;
  CHECK(BuiltinMetric::read(m, rig.uplink, 0, &v, &failed));
  CHECK(!failed);
  CHECK(fabs(v - 20) < 1e-9);
  CHECK(BuiltinMetric::read(m, rig.uplink, 15000, &v, &failed));
  CHECK(fabs(v - 30) < 1e-9);
  CHECK(BuiltinMetric::read(m, rig.uplink, 45000, &v, &failed));
  CHECK(fabs(v - 10) < 1e-9);
  CHECK(BuiltinMetric::read(m, rig.uplink, 60000 * 7 + 15000, &v, &failed));
  CHECK(fabs(v - 30) < 1e-9);
}

TEST_CASE("metrics: analog millivolts get scale and offset; uptime in seconds") {
  fake::reset();
  fake::UplinkRig rig(kCargos, 2);
  MetricSpec analog = spec(MetricKind::Analog, 1000);
  analog.pin = 34;
  analog.scale = 0.1;
  analog.offset = -50;
  // 1234 mV on pin 34, through the host's analog input.
  struct Level : harbor::host::PinModel {
    bool millivolts(uint64_t, double* mv) override {
      *mv = 1234;
      return true;
    }
  } level;
  harbor::host::detachAllModels();
  harbor::host::attachPin(34, &level);
  double v = 0;
  bool failed = true;
  CHECK(BuiltinMetric::read(analog, rig.uplink, 0, &v, &failed));
  CHECK(fabs(v - 73.4) < 1e-9);
  const MetricSpec uptime = spec(MetricKind::Uptime, 1000);
  CHECK(BuiltinMetric::read(uptime, rig.uplink, 125999, &v, &failed));
  CHECK_EQ(v, 125.0);
}

TEST_CASE("metrics: dropped and missed are reported only when non-zero; counters read the uplink") {
  fake::reset();
  fake::UplinkRig rig(kCargos, 2, 2);
  const MetricSpec dropped = spec(MetricKind::Dropped, 1000);
  const MetricSpec failures = spec(MetricKind::SendFailures, 1000);
  const MetricSpec errors = spec(MetricKind::SensorErrors, 1000);
  const MetricSpec missed = spec(MetricKind::Missed, 1000);
  double v = -1;
  bool failed = true;
  CHECK(!BuiltinMetric::read(dropped, rig.uplink, 0, &v, &failed));
  CHECK(!failed);  // nothing to report is not a failed read
  CHECK(!BuiltinMetric::read(missed, rig.uplink, 0, &v, &failed));
  CHECK(!failed);
  rig.uplink.countMissed(4);
  CHECK(BuiltinMetric::read(missed, rig.uplink, 0, &v, &failed));
  CHECK_EQ(v, 4.0);
  CHECK(BuiltinMetric::read(failures, rig.uplink, 0, &v, &failed));
  CHECK_EQ(v, 0.0);
  for (int i = 0; i < 5; ++i) rig.uplink.record("a", 1.0);
  rig.uplink.countReadFailure();
  rig.uplink.countReadFailure();
  CHECK(BuiltinMetric::read(dropped, rig.uplink, 0, &v, &failed));
  CHECK_EQ(v, 3.0);
  CHECK(BuiltinMetric::read(errors, rig.uplink, 0, &v, &failed));
  CHECK_EQ(v, 2.0);
  CHECK_EQ(fake::state().maxLockDepth, 1);
}

TEST_CASE("metrics: a zero interval is never sampled") {
  fake::reset();
  fake::UplinkRig rig(kCargos, 2);
  const MetricSpec a = spec(MetricKind::WifiRssi, 0);
  BuiltinMetric metric(a, rig.uplink);
  Capture out;
  metric.begin(0);
  CHECK_EQ(metric.run(0, out), UINT64_MAX);
  CHECK(out.readings.empty());
}
