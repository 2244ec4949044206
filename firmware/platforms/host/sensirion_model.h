// What the host models of Sensirion's continuously measuring sensors (SCD4x,
// SCD30, SPS30) share: 16-bit commands with CRC-checked argument words, an
// answer readable only after the command's execution time (NACKed before,
// where the real part is busy or stretches the clock), answers of words each
// followed by its CRC-8, and a measurement completed every period once
// started, holding the values at the moment it completes. Header-only, so
// every component's model and the C++ tests use it as it is.
#pragma once

#include <stdint.h>

#include "harbor/bus/crc.h"
#include "harbor/bus/sensirion.h"
#include "host_models.h"

namespace harbor {
namespace host {

class SensirionModel : public I2cModel {
 public:
  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override {
    if (txLength >= 2) {
      // Every argument word carries its CRC, or the part ignores the command.
      for (size_t i = 2; i + 2 < txLength; i += 3) {
        if (sensirionCrc8(tx + i, 2) != tx[i + 2]) return platform::BusResult::Nack;
      }
      const uint16_t code = static_cast<uint16_t>(tx[0] << 8 | tx[1]);
      if (!command(code, tx + 2, txLength - 2, nowMs)) return platform::BusResult::Nack;
      command_ = code;
      commandMs_ = nowMs;
    }
    if (rxLength == 0) return platform::BusResult::Ok;
    if (command_ == 0 || nowMs < commandMs_ + executionMs(command_)) return platform::BusResult::Nack;
    uint16_t words[kMaxWords];
    size_t count = 0;
    if (!answer(command_, nowMs, words, &count)) return platform::BusResult::Nack;
    command_ = 0;  // one answer per command
    uint8_t frame[3 * kMaxWords];
    sensirion::encodeWords(words, count, frame);
    // A read may stop early; past the answer the bus reads high.
    for (size_t i = 0; i < rxLength; ++i) rx[i] = i < 3 * count ? frame[i] : 0xFF;
    return platform::BusResult::Ok;
  }

 protected:
  static const size_t kMaxWords = 32;

  SensirionModel(uint32_t commandMs, uint32_t periodMs, const Faults& faults)
      : I2cModel(faults), commandMs(commandMs), periodMs(periodMs), measuring_(false), startedMs_(0), fetched_(0),
        command_(0), commandMs_(0) {}

  // A command written with `length` argument bytes (words and CRCs): false refuses it (NACK).
  virtual bool command(uint16_t code, const uint8_t* args, size_t length, uint64_t nowMs) = 0;
  // How long `code` takes before its answer can be read.
  virtual uint32_t executionMs(uint16_t code) const {
    (void)code;
    return commandMs;
  }
  // The answer to `code`, read at `nowMs`: up to kMaxWords words; false NACKs the read.
  virtual bool answer(uint16_t code, uint64_t nowMs, uint16_t* words, size_t* count) = 0;

  void startMeasuring(uint64_t nowMs) {
    measuring_ = true;
    startedMs_ = nowMs;
    fetched_ = 0;
  }
  void stopMeasuring() { measuring_ = false; }
  bool measuring() const { return measuring_; }
  // A measurement completed that was not read yet.
  bool newMeasurement(uint64_t nowMs) const { return completed(nowMs) > fetched_; }
  // When the latest measurement completed, marked read; false when none has.
  bool takeMeasurement(uint64_t nowMs, uint64_t* atMs) {
    const uint64_t done = completed(nowMs);
    if (done == 0) return false;
    fetched_ = done;
    *atMs = startedMs_ + done * periodMs;
    return true;
  }

  const uint32_t commandMs;
  const uint32_t periodMs;

 private:
  uint64_t completed(uint64_t nowMs) const { return measuring_ ? (nowMs - startedMs_) / periodMs : 0; }

  bool measuring_;
  uint64_t startedMs_;
  uint64_t fetched_;
  uint16_t command_;  // the last command, whose answer a read returns
  uint64_t commandMs_;
};

}  // namespace host
}  // namespace harbor
