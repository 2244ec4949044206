// The shape Sensirion's continuously measuring I2C sensors share (SCD4x,
// SCD30, SPS30): once started, the sensor measures on its own period; each
// slot writes the data-ready command, reads its word after the command's
// execution time, then writes the read command and reads the measurement's
// words, every one checked against its CRC-8. Waiting for each command's
// execution time is a wait, never a delay. The first slot after the start
// comes before the first measurement: it sends nothing, and counts nothing.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {

class SensirionSensor : public PolledSensor {
 public:
  static const size_t kMaxWords = 8;

  struct Commands {
    uint16_t dataReady;  // answers one word
    uint16_t read;       // answers `words` words
    uint8_t words;       // at most kMaxWords
    uint8_t commandMs;   // between a command and the read of its answer
    uint16_t periodMs;   // between two measurements
  };

 protected:
  SensirionSensor(const char* name, I2cBus& bus, uint8_t address, uint32_t intervalMs, const Commands& commands);

  // Writes `command` with `count` argument words, each with its CRC.
  Result command(uint16_t command, const uint16_t* args = 0, size_t count = 0);
  // For setup(): sends the start command; a sensor that refuses it (NACK) but
  // answers the data-ready command is measuring already, as after a reboot of
  // the board alone. Its first measurement is a period later.
  Result startMeasuring(uint64_t nowMs, uint16_t start, const uint16_t* args = 0, size_t count = 0);
  // Does the data-ready word say a measurement waits?
  virtual bool ready(uint16_t status) const = 0;
  // Checks and emits the measurement's words: Done or Fail(OutOfRange).
  virtual Result emit(const uint16_t* words, uint64_t takenMs, Emitter& out) = 0;

  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

  I2cBus& bus_;
  uint8_t address_;

 private:
  Commands commands_;
  uint64_t startedMs_;
  bool readingData_;  // collect: the measurement is next, not the data-ready word
};

}  // namespace harbor
