// 1-Wire on one pin, above the bit-level platform calls: bytes, ROM search,
// and the Dallas/Maxim CRC-8. Each byte is 8 bit slots of ~70 us; a reset ~1 ms.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace harbor {

// Dallas/Maxim CRC-8 (polynomial x^8 + x^5 + x^4 + 1, reflected, init 0),
// as in Maxim application note 27.
uint8_t oneWireCrc8(const uint8_t* data, size_t length);

class OneWireBus {
 public:
  static const uint8_t kSkipRom = 0xCC;
  static const uint8_t kMatchRom = 0x55;
  static const uint8_t kSearchRom = 0xF0;

  explicit OneWireBus(int pin) : pin_(pin), begun_(false) {}

  // True when a device answered with a presence pulse.
  bool reset();
  void writeByte(uint8_t value);
  uint8_t readByte();
  void write(const uint8_t* data, size_t length);
  void read(uint8_t* data, size_t length);
  // reset, then MATCH ROM `rom` (8 bytes) or SKIP ROM when rom is null. False without a presence pulse.
  bool select(const uint8_t* rom);

  // Finds up to `capacity` devices (8-byte ROM codes with a valid CRC), in the
  // order of the search (ascending ROM code, lowest bit first), into `roms`.
  // Returns how many; a ROM with a bad CRC ends the search.
  size_t search(uint8_t (*roms)[8], size_t capacity);

  int pin() const { return pin_; }

 private:
  bool ensureBegun();

  int pin_;
  bool begun_;
};

}  // namespace harbor
