#include "harbor/utf8.h"

#include "harbor/flash_data.h"

namespace harbor {

namespace {

// Length of the UTF-8 sequence that starts at text[i], 0 when it is invalid.
size_t sequenceAt(const char* text, size_t i) {
  const unsigned char lead = static_cast<unsigned char>(flash::charAt(text, i));
  size_t length;
  unsigned long value;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07;
  } else {
    return 0;  // a continuation byte, C0/C1 (always overlong) or F5-FF
  }
  for (size_t k = 1; k < length; ++k) {
    const unsigned char c = static_cast<unsigned char>(flash::charAt(text, i + k));
    if ((c & 0xC0) != 0x80) return 0;  // includes the NUL of a cut sequence
    value = (value << 6) | (c & 0x3F);
  }
  if (length == 3 && (value < 0x800 || (value >= 0xD800 && value <= 0xDFFF))) return 0;
  if (length == 4 && (value < 0x10000 || value > 0x10FFFF)) return 0;
  return length;
}

}  // namespace

size_t utf8Chars(const char* text) {
  if (text == 0) return 0;
  size_t chars = 0;
  for (size_t i = 0; flash::charAt(text, i) != '\0';) {
    const size_t n = sequenceAt(text, i);
    if (n == 0) return 0;
    i += n;
    ++chars;
  }
  return chars;
}

bool isValidId(const char* text) {
  const size_t chars = utf8Chars(text);
  return chars >= 1 && chars <= kIdMaxChars;
}

size_t copyChars(char* out, size_t size, const char* text, size_t maxChars) {
  if (size == 0) return 0;
  size_t written = 0;
  size_t chars = 0;
  for (size_t i = 0; text != 0 && flash::charAt(text, i) != '\0' && chars < maxChars;) {
    const size_t n = sequenceAt(text, i);
    if (n == 0 || written + n >= size) break;
    for (size_t k = 0; k < n; ++k) out[written + k] = flash::charAt(text, i + k);
    written += n;
    i += n;
    ++chars;
  }
  out[written] = '\0';
  return written;
}

}  // namespace harbor
