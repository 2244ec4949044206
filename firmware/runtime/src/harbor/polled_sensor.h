// The shape most sensor drivers take: on a fixed grid of `intervalMs`, start
// a measurement, come back when the datasheet says it is ready, collect it.
// A driver implements setup(), start() and collect() as short steps; this
// class does the scheduling, the waiting (by returning to the device, never
// by delaying), the counting of failures and the retries of a sensor that is
// missing, reported once rather than every interval.
#pragma once

#include <stdint.h>

#include "harbor/component.h"

namespace harbor {

class PolledSensor : public Component {
 public:
  // A sensor that fails this many reads in a row is set up again from scratch
  // (it may have been unplugged, or lost its configuration in a brown-out).
  static const uint8_t kFailuresBeforeSetup = 3;
  // A missing sensor is looked for again after 1 s, 2 s, 4 s, ... up to this,
  // so one plugged back in is read again within a minute.
  static const uint32_t kMaxProbeBackoffMs = 60000;

  const char* name() const override { return name_; }
  void begin(uint64_t nowMs) override;
  uint64_t run(uint64_t nowMs, Emitter& out) override;

 protected:
  enum class Step : uint8_t { Done, Wait, Fail };
  struct Result {
    Step step;
    uint32_t waitMs;   // Wait: come back after this long
    ReadError error;   // Fail: why
  };
  static Result done() { return make(Step::Done, 0, ReadError::None); }
  static Result waitMs(uint32_t ms) { return make(Step::Wait, ms, ReadError::None); }
  static Result fail(ReadError error) { return make(Step::Fail, 0, error); }
  // The bus said so: a NACK is an absent or busy device, anything else a bus fault.
  static Result failFromBus(uint8_t busResult);

  // `name` outlives the sensor (a literal); `intervalMs` is the grid.
  PolledSensor(const char* name, uint32_t intervalMs);
  ~PolledSensor() {}

  // Find the sensor and configure it: Done, Wait (then called again) or Fail
  // (Absent: nobody answered). Called at boot and after a run of failures.
  virtual Result setup(uint64_t nowMs) = 0;
  // Start one measurement: Done when the values can be collected at once, Wait
  // for the conversion time, Fail.
  virtual Result start(uint64_t nowMs) = 0;
  // Collect it: emit every channel's value (stamped `takenMs`, when the
  // measurement started) and return Done; Wait when not ready yet; Fail.
  virtual Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) = 0;

  uint32_t intervalMs() const { return intervalMs_; }
  // No measurement yet, `sinceMs` after its start: the slots right after the
  // first setup since boot have none to send; after a setup again each is a lost
  // slot, counted; and `lateMs` after the start, none means it stopped.
  Result noResultYet(uint64_t nowMs, uint64_t sinceMs, uint32_t lateMs) const {
    return setups_ == 1 && nowMs - sinceMs < lateMs ? done() : fail(ReadError::Timeout);
  }

 private:
  enum class Phase : uint8_t { Setup, Idle, Collect };
  static Result make(Step step, uint32_t waitMs, ReadError error) {
    Result r = {step, waitMs, error};
    return r;
  }

  uint64_t afterFailure(uint64_t nowMs, ReadError error, Emitter& out, bool probed);
  uint64_t nextSlot();

  const char* name_;
  uint32_t intervalMs_;
  Phase phase_;
  uint64_t dueMs_;       // the current or next slot of the grid
  uint64_t takenMs_;     // when the measurement in progress started
  uint64_t probeAtMs_;   // when a missing sensor is looked for again
  uint32_t probeBackoffMs_;
  uint8_t failures_;     // reads failed in a row
  uint8_t setups_;       // done since boot, up to 2
  bool missingSaid_;     // "not found" was logged; "found again" is due when it answers
  bool slotCounted_;     // this slot's failure is already counted
};

}  // namespace harbor
