// Constant tables the generated code hands the runtime (cargo ids, the
// configuration, root CAs) are declared HARBOR_FLASH, so they stay in flash.
// On ESP32 and RP2040 plain const data already does (DROM, XIP); on the
// ESP8266 the core's linker script puts .rodata in its 80 KB of RAM, and only
// PROGMEM data stays in flash, where it may be read with aligned 32-bit loads
// only. The runtime therefore reads such data through the helpers below,
// never directly.
#pragma once

#include <stddef.h>
#include <string.h>

#if defined(HARBOR_PLATFORM_ESP8266)
#include <pgmspace.h>  // the core's: PROGMEM, PSTR, pgm_read_byte, memcpy_P
#define HARBOR_FLASH PROGMEM
#define HARBOR_FLASH_NEEDS_ALIGNED_READS 1
// A string literal kept in flash. Only printf-family formats and their %s
// arguments may be such strings: the core's newlib (newlib-xtensa) reads both
// from flash in every *printf; anything else must go through the helpers below.
#define HARBOR_TEXT(s) PSTR(s)
#else
#define HARBOR_FLASH
#define HARBOR_FLASH_NEEDS_ALIGNED_READS 0
#define HARBOR_TEXT(s) (s)
#endif

namespace harbor {
namespace flash {

// A copy of `object`, which may live in HARBOR_FLASH.
template <typename T>
inline T read(const T& object) {
#if HARBOR_FLASH_NEEDS_ALIGNED_READS
  T copy;
  memcpy_P(&copy, &object, sizeof copy);
  return copy;
#else
  return object;
#endif
}

// The byte at text[i] of a string that may live in HARBOR_FLASH.
inline char charAt(const char* text, size_t i) {
#if HARBOR_FLASH_NEEDS_ALIGNED_READS
  return static_cast<char>(pgm_read_byte(text + i));
#else
  return text[i];
#endif
}

inline size_t length(const char* text) {
  size_t n = 0;
  while (charAt(text, n) != '\0') ++n;
  return n;
}

inline bool empty(const char* text) { return text == 0 || charAt(text, 0) == '\0'; }

// Copies `text` (may be 0) into `out`, at most `size` - 1 bytes plus the NUL;
// returns false when it had to stop short.
inline bool copy(char* out, size_t size, const char* text) {
  size_t i = 0;
  for (; text != 0 && charAt(text, i) != '\0'; ++i) {
    if (i + 1 >= size) {
      out[i] = '\0';
      return false;
    }
    out[i] = charAt(text, i);
  }
  out[i] = '\0';
  return true;
}

}  // namespace flash
}  // namespace harbor
