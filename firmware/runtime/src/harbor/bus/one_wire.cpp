#include "harbor/bus/one_wire.h"

#include <string.h>

#include "harbor/platform.h"

namespace harbor {

const uint8_t OneWireBus::kSkipRom;
const uint8_t OneWireBus::kMatchRom;
const uint8_t OneWireBus::kSearchRom;

uint8_t oneWireCrc8(const uint8_t* data, size_t length) {
  uint8_t crc = 0;
  for (size_t i = 0; i < length; ++i) {
    uint8_t byte = data[i];
    for (int bit = 0; bit < 8; ++bit) {
      const bool mix = ((crc ^ byte) & 0x01) != 0;
      crc >>= 1;
      if (mix) crc ^= 0x8C;  // 0x31 reflected
      byte >>= 1;
    }
  }
  return crc;
}

bool OneWireBus::acquire(const void* owner, uint64_t nowMs) {
  if (owner_ == owner) return true;
  if (owner_ != 0 || (lastOwner_ != owner && releasedAtMs_ == nowMs && lastOwner_ != 0)) return false;
  owner_ = owner;
  return true;
}

void OneWireBus::release(const void* owner, uint64_t nowMs) {
  if (owner_ != owner) return;
  owner_ = 0;
  lastOwner_ = owner;
  releasedAtMs_ = nowMs;
}

bool OneWireBus::ensureBegun() {
  if (!begun_) begun_ = platform::oneWireBegin(pin_);
  return begun_;
}

bool OneWireBus::reset() { return ensureBegun() && platform::oneWireReset(pin_); }

void OneWireBus::writeByte(uint8_t value) {
  for (int bit = 0; bit < 8; ++bit) platform::oneWireWriteBit(pin_, (value >> bit) & 1);  // LSB first
}

uint8_t OneWireBus::readByte() {
  uint8_t value = 0;
  for (int bit = 0; bit < 8; ++bit) {
    if (platform::oneWireReadBit(pin_)) value = static_cast<uint8_t>(value | (1u << bit));
  }
  return value;
}

void OneWireBus::write(const uint8_t* data, size_t length) {
  for (size_t i = 0; i < length; ++i) writeByte(data[i]);
}

void OneWireBus::read(uint8_t* data, size_t length) {
  for (size_t i = 0; i < length; ++i) data[i] = readByte();
}

bool OneWireBus::select(const uint8_t* rom) {
  if (!reset()) return false;
  if (rom == 0) {
    writeByte(kSkipRom);
  } else {
    writeByte(kMatchRom);
    write(rom, 8);
  }
  return true;
}

// Maxim application note 187's search: at each bit every device answers its
// bit and its complement (wired-AND); a 0/0 is a discrepancy, where the search
// goes the 0 way first and remembers the last one to go the 1 way next time.
OneWireSearch::Step OneWireBus::searchStep(OneWireSearch& s, uint8_t maxBits) {
  if (s.done) return OneWireSearch::Step::End;
  if (s.bit < 0) {
    if (!reset()) return OneWireSearch::Step::End;
    writeByte(kSearchRom);
    s.bit = 0;
    s.lastZero = -1;
  }
  for (uint8_t n = 0; n < maxBits && s.bit < 64; ++n, ++s.bit) {
    const int i = s.bit;
    const bool bit = platform::oneWireReadBit(pin_);
    const bool complement = platform::oneWireReadBit(pin_);
    if (bit && complement) {  // nobody answered: the bus changed under us
      s.done = true;
      return OneWireSearch::Step::End;
    }
    bool direction;
    if (bit != complement) {
      direction = bit;
    } else if (i < s.lastDiscrepancy) {
      direction = (s.rom[i / 8] >> (i % 8)) & 1;
    } else {
      direction = i == s.lastDiscrepancy;
    }
    if (!direction && bit == complement) s.lastZero = static_cast<int8_t>(i);
    if (direction) {
      s.rom[i / 8] = static_cast<uint8_t>(s.rom[i / 8] | (1u << (i % 8)));
    } else {
      s.rom[i / 8] = static_cast<uint8_t>(s.rom[i / 8] & ~(1u << (i % 8)));
    }
    platform::oneWireWriteBit(pin_, direction);
  }
  if (s.bit < 64) return OneWireSearch::Step::More;
  s.bit = -1;
  s.lastDiscrepancy = s.lastZero;
  s.done = s.lastDiscrepancy < 0;
  if (oneWireCrc8(s.rom, 7) != s.rom[7]) {
    s.done = true;
    return OneWireSearch::Step::End;
  }
  return OneWireSearch::Step::Found;
}

size_t OneWireBus::search(uint8_t (*roms)[8], size_t capacity) {
  OneWireSearch s;
  size_t found = 0;
  while (found < capacity) {
    const OneWireSearch::Step step = searchStep(s, 64);
    if (step == OneWireSearch::Step::End) break;
    if (step == OneWireSearch::Step::Found) memcpy(roms[found++], s.rom, 8);
  }
  return found;
}

}  // namespace harbor
