// The batch body, written straight into one caller-provided buffer: no heap,
// no DOM, so the Content-Length is simply the number of bytes written.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace harbor {

// Shortest of %.15g, %.16g, %.17g that reads back (strtod) as exactly `value`.
// Writes at most 24 characters + NUL; returns the length, or 0 for NaN and
// infinities, which JSON cannot carry.
size_t formatNumber(double value, char out[32]);

// Checked once at boot: with a C library whose printf lacks floating point
// (newlib-nano linked without `-u _printf_float`) every value would come out
// empty and no reading could be sent. Returns the error line to log, or null
// when `format` writes 0.5 as "0.5".
const char* floatPrintfProblem(size_t (*format)(double, char[32]) = formatNumber);

// Appends JSON objects to an array:
// [{"ship_id":"…","cargo_id":"…","value":…,"time":"2026-11-26T10:00:00.123Z"},…]
class BatchWriter {
 public:
  // `capacity` includes the terminating NUL.
  BatchWriter(char* buffer, size_t capacity);

  // Starts an empty array; the finished body will not exceed `maxBytes`.
  void begin(size_t maxBytes);
  // Appends one reading (hasTime false: no "time", the Harbor stamps arrival).
  // False, with nothing written, when it would not fit, the value is not finite
  // or the time has no four-digit year.
  bool add(const char* shipId, const char* cargoId, double value, bool hasTime, int64_t utcMs);
  // Closes the array and NUL-terminates it; returns the body length.
  size_t finish();

  size_t count() const { return count_; }
  const char* data() const { return buffer_; }

 private:
  void put(char c);
  void putRaw(const char* text);
  void putString(const char* text);

  char* buffer_;
  size_t capacity_;
  size_t limit_;  // last usable index + 1, keeping room for "]"
  size_t length_;
  size_t count_;
  bool overflow_;
};

}  // namespace harbor
