// Calendar arithmetic on UTC epoch milliseconds without gmtime()/timegm():
// boards differ in what their C library offers, and these are a few lines.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace harbor {

// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12, day 1-31).
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day);
// The date of a day count since 1970-01-01.
void civilFromDays(int64_t days, int64_t* year, unsigned* month, unsigned* day);

// Writes "YYYY-MM-DDTHH:MM:SS.mmmZ" (24 characters + NUL) and returns 24, or
// returns 0 when the year is outside 0000-9999 (RFC 3339 has four-digit years).
size_t formatRfc3339(int64_t utcMs, char out[25]);

// Parses an HTTP-date (RFC 9110 section 5.6.7): IMF-fixdate
// "Sun, 06 Nov 1994 08:49:37 GMT", the obsolete RFC 850 form
// "Sunday, 06-Nov-94 08:49:37 GMT" and asctime "Sun Nov  6 08:49:37 1994".
bool parseHttpDate(const char* text, int64_t* utcMs);

}  // namespace harbor
