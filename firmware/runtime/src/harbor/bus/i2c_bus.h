// An I2C bus as drivers use it: begun once on first use, register reads and
// writes as short transactions through platform::i2cTransfer. Several sensors
// share one bus object; the generator gives each (sda, scl) pair one.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/platform.h"

namespace harbor {

class I2cBus {
 public:
  I2cBus(uint8_t index, int sda, int scl, uint32_t hz) : index_(index), sda_(sda), scl_(scl), hz_(hz), begun_(false) {}

  // Reads `length` bytes starting at register `reg` (a write of `reg`, then a repeated-start read).
  platform::BusResult readRegisters(uint8_t address, uint8_t reg, uint8_t* data, size_t length);
  platform::BusResult writeRegister(uint8_t address, uint8_t reg, uint8_t value);
  // Raw transfers, for sensors with commands instead of registers (Sensirion, HTU21D).
  platform::BusResult write(uint8_t address, const uint8_t* data, size_t length);
  platform::BusResult read(uint8_t address, uint8_t* data, size_t length);
  platform::BusResult writeRead(uint8_t address, const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength);

  uint8_t index() const { return index_; }

 private:
  bool ensureBegun();

  uint8_t index_;
  int sda_;
  int scl_;
  uint32_t hz_;
  bool begun_;
};

}  // namespace harbor
