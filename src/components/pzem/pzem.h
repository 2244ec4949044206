// Peacefair PZEM-004T v3.0 energy monitor on a UART at 9600 baud, Modbus RTU
// (PZEM-004T V3.0 user manual, section 2): each slot reads the ten input
// registers 0x0000-0x0009 (function 0x04) and takes the 25-byte answer
// address, 0x04, 0x14, 20 data bytes, CRC-16 (low byte first). Registers and
// their LSBs (section 2.3): voltage 0.1 V; current 0.001 A and power 0.1 W,
// each a low and a high 16-bit word; energy 1 Wh (low, high); frequency
// 0.1 Hz; power factor 0.01; alarm status.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/uart_sensor.h"

namespace harbor {
namespace pzem {

const uint8_t kGeneralAddress = 0xF8;  // section 2.2: for a single device on the line
const uint8_t kReadInput = 0x04;
const uint8_t kRegisters = 10;
const uint8_t kRequestLength = 8;
const uint8_t kAnswerLength = 5 + 2 * kRegisters;

struct Reading {
  double volts, amps, watts, wattHours, hertz, powerFactor;
  bool alarm;
};

// Read `kRegisters` input registers from 0x0000 of `address`, with its CRC.
void request(uint8_t address, uint8_t out[kRequestLength]);

enum class Frame : uint8_t { Ok, BadFraming, BadCrc };
// Checks and converts the answer of `address` to request().
Frame parse(const uint8_t answer[kAnswerLength], uint8_t address, Reading* r);

}  // namespace pzem

class Pzem : public UartSensor {
 public:
  // Channels: voltage (V), current (A), power (W), energy (Wh), frequency (Hz), power_factor.
  Pzem(UartPort& port, uint8_t address, uint32_t intervalMs);

 protected:
  Result decode(const uint8_t* frame, uint64_t takenMs, Emitter& out) override;

 private:
  static Protocol protocol(const uint8_t* header, const uint8_t* request);
  uint8_t address_;
  uint8_t header_[3];
  uint8_t request_[pzem::kRequestLength];
};

}  // namespace harbor
