// Nova Fitness SDS011 particulate matter sensor on a UART at 9600 baud: in
// active reporting (its factory default) a 10-byte frame AA C0, PM2.5 and
// PM10 in 0.1 ug/m3 (low byte first), two ID bytes, the low byte of the sum of
// the six data bytes, AB, once a second (Laser Dust Sensor Control Protocol
// V1.3, and the SDS011 datasheet V1.3's data frame table).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/uart_sensor.h"

namespace harbor {
namespace sds011 {

const uint8_t kFrameLength = 10;
const uint8_t kCommandLength = 19;
const uint8_t kHead = 0xAA;
const uint8_t kTail = 0xAB;
const uint8_t kData = 0xC0;     // command ID of a data frame
const uint8_t kReply = 0xC5;    // ... of the answer to a setting
const uint8_t kSend = 0xB4;     // ... of what the host sends
const uint8_t kReportMode = 2;  // data byte 1: set data reporting mode
const uint8_t kQuery = 4;       // data byte 1: query data

// The low 8 bits of the sum of `length` bytes.
uint8_t checksum(const uint8_t* data, size_t length);
// A 19-byte command: head, B4, data bytes 1-13, FF FF (every sensor), checksum of
// data bytes 1-15, tail. `data` holds data bytes 1-13.
void command(const uint8_t data[13], uint8_t out[kCommandLength]);

enum class Frame : uint8_t { Ok, BadFraming, BadChecksum };
// PM2.5 and PM10 in 0.1 ug/m3 from one data frame.
Frame parse(const uint8_t frame[kFrameLength], uint16_t* pm2_5Tenths, uint16_t* pm10Tenths);
const uint8_t* header();

}  // namespace sds011

class Sds011 : public UartSensor {
 public:
  // Channels: pm2_5, pm10 (ug/m3).
  Sds011(UartPort& port, uint32_t intervalMs);

 protected:
  Result decode(const uint8_t* frame, uint64_t takenMs, Emitter& out) override;

 private:
  static Protocol protocol(const uint8_t* configure);
  uint8_t configure_[sds011::kCommandLength];
};

}  // namespace harbor
