// Plantower PMS5003 / PMS7003 particulate matter sensors on a UART at 9600
// baud: 32-byte frames 0x42 0x4D, length 28, thirteen 16-bit words, a 16-bit
// sum of all bytes before it (PMS5003 manual V2.3, appendix I; the PMS7003's
// is the same frame). Active mode: the sensor sends a frame every 0.2-2.3 s by
// itself; passive mode: each slot asks for one (appendix II commands).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/uart_sensor.h"

namespace harbor {
namespace pms {

const uint8_t kFrameLength = 32;
// Appendix I: frame length = 2 x 13 + 2 (data + check bytes).
const uint8_t kDataLength = 28;
// Appendix II commands: 0x42 0x4D, CMD, DATAH, DATAL, LRCH, LRCL.
const uint8_t kCmdMode = 0xE1;  // data 0: passive, 1: active
const uint8_t kCmdRead = 0xE2;  // passive mode: send one frame
const uint8_t kCmdSleep = 0xE4;  // data 0: sleep, 1: wake up
const uint8_t kCommandLength = 7;

// 0x42 0x4D 0x00 0x1C: how every data frame begins.
const uint8_t* header();
// The 16-bit sum of `length` bytes: the check code of frames and commands.
uint16_t checksum(const uint8_t* data, size_t length);
// The 7-byte command CMD with 16-bit `data`, its check code appended.
void command(uint8_t cmd, uint16_t data, uint8_t out[kCommandLength]);

struct Reading {
  // Data 1-3, CF=1 (standard particle; the manual: "use in the factory").
  uint16_t pm1Standard, pm2_5Standard, pm10Standard;
  // Data 4-6, under atmospheric environment: what the channels report, ug/m3.
  uint16_t pm1, pm2_5, pm10;
};

enum class Frame : uint8_t { Ok, BadHeader, BadChecksum };
// Checks and decodes one 32-byte frame.
Frame parse(const uint8_t frame[kFrameLength], Reading* reading);

}  // namespace pms

class Pms : public UartSensor {
 public:
  enum class Mode : uint8_t { Active, Passive };
  // Channels: pm1, pm2_5, pm10 (ug/m3, atmospheric environment).
  Pms(UartPort& port, Mode mode, uint32_t intervalMs);

 protected:
  Result decode(const uint8_t* frame, uint64_t takenMs, Emitter& out) override;

 private:
  static Protocol protocolFor(Mode mode, const uint8_t* request, const uint8_t* configure);
  uint8_t request_[pms::kCommandLength];
  uint8_t configure_[pms::kCommandLength];
};

}  // namespace harbor
