#include "harbor/json_writer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harbor/civil_time.h"
#include "harbor/flash_data.h"

namespace harbor {

size_t formatNumber(double value, char out[32]) {
  if (isnan(value) || isinf(value)) {
    out[0] = '\0';
    return 0;
  }
  // 15 digits reproduce every decimal a sensor produces without noise like
  // 0.1 -> 0.10000000000000001; 17 always round-trips.
  static const char* const kFormats[3] = {"%.15g", "%.16g", "%.17g"};
  int length = 0;
  for (int i = 0; i < 3; ++i) {
    length = snprintf(out, 32, kFormats[i], value);
    if (strtod(out, 0) == value) break;
  }
  return length > 0 ? static_cast<size_t>(length) : 0;
}

const char* floatPrintfProblem(size_t (*format)(double, char[32])) {
  char out[32] = "";
  if (format(0.5, out) == 3 && strcmp(out, "0.5") == 0) return 0;
  return HARBOR_TEXT("[harbor] ERROR: this build's printf cannot format decimal numbers, so no reading can be "
         "sent: add the linker flag -u _printf_float to build_flags in platformio.ini");
}

BatchWriter::BatchWriter(char* buffer, size_t capacity)
    : buffer_(buffer), capacity_(capacity), limit_(0), length_(0), count_(0), overflow_(false) {}

void BatchWriter::begin(size_t maxBytes) {
  // One byte for "]" and one for the NUL stay free.
  limit_ = capacity_ >= 2 ? capacity_ - 2 : 0;
  if (maxBytes >= 1 && maxBytes - 1 < limit_) limit_ = maxBytes - 1;
  length_ = 0;
  count_ = 0;
  overflow_ = false;
  put('[');
}

void BatchWriter::put(char c) {
  if (length_ < limit_) {
    buffer_[length_++] = c;
  } else {
    overflow_ = true;
  }
}

void BatchWriter::putRaw(const char* text) {
  while (*text != '\0') put(*text++);
}

// JSON string escaping: quote and backslash escaped, control characters as
// \u00XX, every other byte (UTF-8 included) passed through unchanged. `text`
// may live in HARBOR_FLASH (a declared cargo id).
void BatchWriter::putString(const char* text) {
  static const char kHex[] = "0123456789abcdef";
  put('"');
  for (size_t i = 0;; ++i) {
    const unsigned char c = static_cast<unsigned char>(flash::charAt(text, i));
    if (c == 0) break;
    if (c == '"' || c == '\\') {
      put('\\');
      put(static_cast<char>(c));
    } else if (c < 0x20) {
      putRaw("\\u00");
      put(kHex[c >> 4]);
      put(kHex[c & 0x0f]);
    } else {
      put(static_cast<char>(c));
    }
  }
  put('"');
}

bool BatchWriter::add(const char* shipId, const char* cargoId, double value, bool hasTime,
                      int64_t utcMs) {
  char number[32];
  if (formatNumber(value, number) == 0) return false;
  char time[25];
  // A time RFC 3339 cannot write is refused rather than silently dropped: an
  // untimed reading would break the one-untimed-per-cargo rule.
  if (hasTime && formatRfc3339(utcMs, time) == 0) return false;

  const size_t mark = length_;
  if (count_ > 0) put(',');
  putRaw("{\"ship_id\":");
  putString(shipId);
  putRaw(",\"cargo_id\":");
  putString(cargoId);
  putRaw(",\"value\":");
  putRaw(number);
  if (hasTime) {
    putRaw(",\"time\":\"");
    putRaw(time);
    put('"');
  }
  put('}');
  if (overflow_) {
    length_ = mark;
    overflow_ = false;
    return false;
  }
  ++count_;
  return true;
}

size_t BatchWriter::finish() {
  // begin() kept room for these two bytes.
  buffer_[length_++] = ']';
  buffer_[length_] = '\0';
  return length_;
}

}  // namespace harbor
