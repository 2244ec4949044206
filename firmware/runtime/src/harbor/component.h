// A component is one thing that yields readings: a built-in metric or a
// sensor driver. Each is a small non-blocking state machine: the device calls
// run() when it asked to be called, run() does a short step (start a
// conversion, collect one, read a few bytes) and says when it wants to run
// next. It never waits for a conversion itself, so one slow sensor never
// delays another's readings.
#pragma once

#include <stdint.h>

namespace harbor {

enum class ReadError : uint8_t { None, Nack, Crc, Timeout, OutOfRange, Absent, Bus };

// "no answer (NACK)", "bad CRC", ...: for log lines.
const char* readErrorText(ReadError error);

// Where a component's readings go. Channels are the component's own numbers
// (BME280: 0 temperature, 1 humidity, 2 pressure); the device maps them to cargo ids.
class Emitter {
 public:
  // A reading of `channel`, taken at monotonic `takenMs`.
  virtual void emit(uint8_t channel, double value, uint64_t takenMs) = 0;
  // A read that failed: skipped, never sent, counted as a sensor error.
  virtual void fail(ReadError error) = 0;
  // Sampling slots that passed without a reading because the loop was busy.
  virtual void missed(uint32_t slots) = 0;
  // One line on the console, prefixed with the component's name. The text may be
  // a HARBOR_TEXT literal (flash on the ESP8266): it is only ever printed with %s.
  virtual void note(const char* text) = 0;

 protected:
  ~Emitter() {}
};

class Component {
 public:
  Component() : nextRunMs(0) {}

  // Short name for messages, e.g. "bme280 0x76"; printed with %s only, so it may
  // be a HARBOR_TEXT literal.
  virtual const char* name() const = 0;
  // Once, at boot, before the first run(); `nowMs` is when it is first due.
  virtual void begin(uint64_t nowMs) { (void)nowMs; }
  // Called at or after the time it last returned; does one short step and
  // returns when to be called again (monotonic ms).
  virtual uint64_t run(uint64_t nowMs, Emitter& out) = 0;

  // Kept by the device's scheduler: when run() is due next.
  uint64_t nextRunMs;

 protected:
  ~Component() {}
};

// Slots of a fixed interval that a reading taken at `nowMs` skipped, when it
// was due at `dueMs`; moves *dueMs to the slot `nowMs` falls in.
uint32_t skipMissedSlots(uint64_t* dueMs, uint64_t nowMs, uint32_t intervalMs);

}  // namespace harbor
