// 1-Wire on one pin, above the bit-level platform calls: bytes, ROM search,
// and the Dallas/Maxim CRC-8. Each byte is 8 bit slots of ~70 us; a reset ~1 ms.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace harbor {

// Dallas/Maxim CRC-8 (polynomial x^8 + x^5 + x^4 + 1, reflected, init 0),
// as in Maxim application note 27.
uint8_t oneWireCrc8(const uint8_t* data, size_t length);

// A ROM search (Maxim application note 187) that can be spread over several
// loop steps: the master times every slot, and the devices wait between slots
// as long as it likes, so a pass may pause after any bit.
struct OneWireSearch {
  enum class Step : uint8_t { More, Found, End };
  OneWireSearch() { restart(); }
  void restart() {
    for (int i = 0; i < 8; ++i) rom[i] = 0;
    lastDiscrepancy = -1;
    lastZero = -1;
    bit = -1;
    done = false;
  }
  uint8_t rom[8];          // Found: the ROM code of a device (its CRC checked)
  int8_t lastDiscrepancy;  // the last bit of the previous pass that went the 0 way; -1: none
  int8_t lastZero;
  int8_t bit;              // the next bit of this pass; -1: reset and SEARCH ROM are due
  bool done;               // the last device was found
};

class OneWireBus {
 public:
  static const uint8_t kSkipRom = 0xCC;
  static const uint8_t kMatchRom = 0x55;
  static const uint8_t kSearchRom = 0xF0;

  explicit OneWireBus(int pin) : pin_(pin), begun_(false), owner_(0), lastOwner_(0), releasedAtMs_(0) {}

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
  // Up to `maxBits` bits of a search (the first step of a pass also resets and
  // sends SEARCH ROM): Found with s.rom, More (call again), or End (no more
  // devices, nobody answered, or a ROM with a bad CRC).
  OneWireSearch::Step searchStep(OneWireSearch& s, uint8_t maxBits);

  int pin() const { return pin_; }

  // A transaction spread over loop steps (a search, MATCH ROM then the bytes)
  // holds the pin for its driver, so two drivers on one pin never interleave
  // their slots. True when `owner` holds it now. A pin another driver released
  // in this loop pass is free from the next, so a pass moves one step's slots.
  bool acquire(const void* owner, uint64_t nowMs);
  void release(const void* owner, uint64_t nowMs);

 private:
  bool ensureBegun();

  int pin_;
  bool begun_;
  const void* owner_;
  const void* lastOwner_;
  uint64_t releasedAtMs_;
};

}  // namespace harbor
