#include "harbor/bus/sensirion.h"

#include <string.h>

#include "harbor/bus/crc.h"

namespace harbor {
namespace sensirion {

void putCommand(uint16_t command, uint8_t out[2]) {
  out[0] = static_cast<uint8_t>(command >> 8);
  out[1] = static_cast<uint8_t>(command);
}

void encodeWords(const uint16_t* words, size_t count, uint8_t* out) {
  for (size_t i = 0; i < count; ++i) {
    putCommand(words[i], out + 3 * i);
    out[3 * i + 2] = sensirionCrc8(out + 3 * i, 2);
  }
}

platform::BusResult writeCommand(I2cBus& bus, uint8_t address, uint16_t command, const uint16_t* args,
                                 size_t count) {
  uint8_t bytes[2 + 3 * 2];
  if (count > 2) return platform::BusResult::Error;  // no command takes more
  putCommand(command, bytes);
  encodeWords(args, count, bytes + 2);
  return bus.write(address, bytes, 2 + 3 * count);
}

bool decodeWords(const uint8_t* frame, size_t count, uint16_t* words) {
  for (size_t i = 0; i < count; ++i) {
    const uint8_t* w = frame + 3 * i;
    if (sensirionCrc8(w, 2) != w[2]) return false;
    words[i] = static_cast<uint16_t>(w[0] << 8 | w[1]);
  }
  return true;
}

float wordsToFloat(uint16_t high, uint16_t low) {
  const uint32_t bits = static_cast<uint32_t>(high) << 16 | low;
  float value;
  memcpy(&value, &bits, sizeof value);  // float and uint32_t share a byte order on every target
  return value;
}

void floatToWords(float value, uint16_t* high, uint16_t* low) {
  uint32_t bits;
  memcpy(&bits, &value, sizeof bits);
  *high = static_cast<uint16_t>(bits >> 16);
  *low = static_cast<uint16_t>(bits);
}

}  // namespace sensirion
}  // namespace harbor
