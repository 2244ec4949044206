// A UART for one sensor that streams frames (PMS5003, SDS011, MH-Z19, GPS) or
// answers commands (Modbus): begun once on first use, reads and writes never block.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/platform.h"

namespace harbor {

class UartPort {
 public:
  UartPort(uint8_t port, int rx, int tx, uint32_t baud) : port_(port), rx_(rx), tx_(tx), baud_(baud), begun_(false) {}

  size_t read(uint8_t* data, size_t capacity) { return ensureBegun() ? platform::uartRead(port_, data, capacity) : 0; }
  size_t write(const uint8_t* data, size_t length) { return ensureBegun() ? platform::uartWrite(port_, data, length) : 0; }
  bool ready() { return ensureBegun(); }
  // 1, 2, ...: for messages.
  uint8_t number() const { return port_; }

 private:
  bool ensureBegun() {
    if (!begun_) begun_ = platform::uartBegin(port_, rx_, tx_, baud_);
    return begun_;
  }

  uint8_t port_;
  int rx_;
  int tx_;
  uint32_t baud_;
  bool begun_;
};

}  // namespace harbor
