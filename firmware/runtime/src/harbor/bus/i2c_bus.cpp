#include "harbor/bus/i2c_bus.h"

namespace harbor {

bool I2cBus::ensureBegun() {
  if (!begun_) begun_ = platform::i2cBegin(index_, sda_, scl_, hz_);
  return begun_;
}

platform::BusResult I2cBus::writeRead(uint8_t address, const uint8_t* tx, size_t txLength, uint8_t* rx,
                                      size_t rxLength) {
  if (!ensureBegun()) return platform::BusResult::Error;
  return platform::i2cTransfer(index_, address, tx, txLength, rx, rxLength);
}

platform::BusResult I2cBus::readRegisters(uint8_t address, uint8_t reg, uint8_t* data, size_t length) {
  return writeRead(address, &reg, 1, data, length);
}

platform::BusResult I2cBus::writeRegister(uint8_t address, uint8_t reg, uint8_t value) {
  const uint8_t bytes[2] = {reg, value};
  return writeRead(address, bytes, 2, 0, 0);
}

platform::BusResult I2cBus::write(uint8_t address, const uint8_t* data, size_t length) {
  return writeRead(address, data, length, 0, 0);
}

platform::BusResult I2cBus::read(uint8_t address, uint8_t* data, size_t length) {
  return writeRead(address, 0, 0, data, length);
}

}  // namespace harbor
