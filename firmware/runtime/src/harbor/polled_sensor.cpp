#include "harbor/polled_sensor.h"

#include <stdio.h>

#include "harbor/flash_data.h"
#include "harbor/platform.h"

namespace harbor {

const uint8_t PolledSensor::kFailuresBeforeSetup;
const uint32_t PolledSensor::kMaxProbeBackoffMs;

PolledSensor::PolledSensor(const char* name, uint32_t intervalMs)
    : name_(name),
      intervalMs_(intervalMs > 0 ? intervalMs : 1000),
      phase_(Phase::Setup),
      dueMs_(0),
      takenMs_(0),
      probeAtMs_(0),
      probeBackoffMs_(1000),
      failures_(0),
      setups_(0),
      missingSaid_(false),
      slotCounted_(false) {}

PolledSensor::Result PolledSensor::failFromBus(uint8_t busResult) {
  switch (static_cast<platform::BusResult>(busResult)) {
    case platform::BusResult::Nack:
      return fail(ReadError::Nack);
    case platform::BusResult::Timeout:
      return fail(ReadError::Timeout);
    default:
      return fail(ReadError::Bus);
  }
}

void PolledSensor::begin(uint64_t nowMs) {
  dueMs_ = nowMs;
  probeAtMs_ = nowMs;
  phase_ = Phase::Setup;
}

// The slot after the current one; the device calls again then.
uint64_t PolledSensor::nextSlot() {
  dueMs_ += intervalMs_;
  slotCounted_ = false;
  return dueMs_;
}

// One failed slot: counted once, the sensor set up again after a run of them.
// `probed`: a setup attempt just failed, so the next one backs off.
uint64_t PolledSensor::afterFailure(uint64_t nowMs, ReadError error, Emitter& out, bool probed) {
  if (!slotCounted_) {
    out.fail(error);
    slotCounted_ = true;
  }
  if (phase_ != Phase::Setup && ++failures_ >= kFailuresBeforeSetup) {
    phase_ = Phase::Setup;
    probeAtMs_ = nowMs;
    probeBackoffMs_ = 1000;
  } else if (phase_ == Phase::Collect) {
    phase_ = Phase::Idle;
  }
  if (probed) {
    if (!missingSaid_) {
      char text[120];
      snprintf(text, sizeof text, HARBOR_TEXT("%s; its readings are skipped and counted until it answers again"),
               readErrorText(error));
      out.note(text);
      missingSaid_ = true;
    }
    probeAtMs_ = nowMs + probeBackoffMs_;
    probeBackoffMs_ = probeBackoffMs_ * 2 > kMaxProbeBackoffMs ? kMaxProbeBackoffMs : probeBackoffMs_ * 2;
  }
  return nextSlot();
}

uint64_t PolledSensor::run(uint64_t nowMs, Emitter& out) {
  if (phase_ == Phase::Collect) {
    const Result r = collect(nowMs, takenMs_, out);
    if (r.step == Step::Wait) return nowMs + (r.waitMs > 0 ? r.waitMs : 1);
    if (r.step == Step::Fail) return afterFailure(nowMs, r.error, out, false);
    failures_ = 0;
    phase_ = Phase::Idle;
    return nextSlot();
  }

  if (nowMs < dueMs_) return dueMs_;
  const uint32_t skipped = skipMissedSlots(&dueMs_, nowMs, intervalMs_);
  if (skipped > 0) out.missed(skipped);

  if (phase_ == Phase::Setup) {
    // A missing sensor costs its slot until it is due to be looked for again.
    if (nowMs < probeAtMs_) return afterFailure(nowMs, ReadError::Absent, out, false);
    const Result r = setup(nowMs);
    if (r.step == Step::Wait) return nowMs + (r.waitMs > 0 ? r.waitMs : 1);
    if (r.step == Step::Fail) return afterFailure(nowMs, r.error, out, true);
    phase_ = Phase::Idle;
    failures_ = 0;
    if (setups_ < 2) ++setups_;
    probeBackoffMs_ = 1000;
    if (missingSaid_) {
      out.note(HARBOR_TEXT("answers again"));
      missingSaid_ = false;
    }
  }

  // Phase::Idle at a slot: start a measurement, stamped now.
  takenMs_ = nowMs;
  const Result r = start(nowMs);
  if (r.step == Step::Fail) return afterFailure(nowMs, r.error, out, false);
  phase_ = Phase::Collect;
  if (r.step == Step::Wait) return nowMs + (r.waitMs > 0 ? r.waitMs : 1);
  return run(nowMs, out);  // ready at once: collect now
}

}  // namespace harbor
