// Winsen MH-Z19B / MH-Z19C NDIR CO2 sensors on a UART at 9600 baud: each slot
// sends "read CO2" (FF 01 86 00 00 00 00 00 79) and takes the 9-byte answer
// FF 86 HIGH LOW ... checksum, CO2 = HIGH x 256 + LOW ppm; checksum =
// (invert(byte 1 + ... + byte 7)) + 1 (MH-Z19B user manual V1.0, "Commands"
// and "Checksum calculation"; the MH-Z19C's manual has the same commands).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/uart_sensor.h"

namespace harbor {
namespace mhz19 {

const uint8_t kFrameLength = 9;
const uint8_t kStart = 0xFF;
const uint8_t kSensor = 0x01;   // byte 1 of a command: sensor number
const uint8_t kReadCo2 = 0x86;
const uint8_t kSelfCalibration = 0x79;  // byte 3: 0xA0 on, 0x00 off

// Of a 9-byte frame: the two's complement of the sum of bytes 1-7.
uint8_t checksum(const uint8_t frame[kFrameLength]);
// The 9-byte command `cmd` with byte 3 `arg`, its checksum in byte 8.
void command(uint8_t cmd, uint8_t arg, uint8_t out[kFrameLength]);

enum class Frame : uint8_t { Ok, BadFraming, BadChecksum };
Frame parse(const uint8_t frame[kFrameLength], uint16_t* ppm);
const uint8_t* header();

}  // namespace mhz19

class Mhz19 : public UartSensor {
 public:
  // Channel: co2 (ppm). `selfCalibration`: automatic baseline correction
  // (every 24 h to the lowest reading, which it takes for 400 ppm), set each
  // time the sensor is found.
  Mhz19(UartPort& port, bool selfCalibration, uint32_t intervalMs);

 protected:
  Result decode(const uint8_t* frame, uint64_t takenMs, Emitter& out) override;

 private:
  static Protocol protocol(const uint8_t* request, const uint8_t* configure);
  uint8_t request_[mhz19::kFrameLength];
  uint8_t configure_[mhz19::kFrameLength];
};

}  // namespace harbor
