// Sensirion's I2C framing, written once for the drivers and host models of
// the SCD4x, SCD30, SGP30/SGP4x and SPS30: 16-bit commands and data words sent
// MSB first, each data word followed by its CRC-8 (crc.h). Floats (SCD30,
// SPS30) are IEEE 754 big-endian over two words.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/bus/i2c_bus.h"

namespace harbor {
namespace sensirion {

// Writes `command` to out[0..1]: the first two bytes of every transfer.
void putCommand(uint16_t command, uint8_t out[2]);
// Writes `command` and up to 2 argument words, each with its CRC, in one transfer.
platform::BusResult writeCommand(I2cBus& bus, uint8_t address, uint16_t command, const uint16_t* args = 0,
                                 size_t count = 0);
// Writes `count` words as 3 bytes each (MSB, LSB, CRC) from `out`.
void encodeWords(const uint16_t* words, size_t count, uint8_t* out);
// Reads `count` words from a 3-bytes-a-word answer; false when a CRC does not match.
bool decodeWords(const uint8_t* frame, size_t count, uint16_t* words);
// The float of two words, most significant first.
float wordsToFloat(uint16_t high, uint16_t low);
// ... and back, for the host models.
void floatToWords(float value, uint16_t* high, uint16_t* low);

}  // namespace sensirion
}  // namespace harbor
