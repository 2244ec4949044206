#include "harbor/civil_time.h"

#include <string.h>

namespace harbor {

namespace {

const int64_t kMsPerDay = 86400000;

// Floor division: epoch milliseconds before 1970 still land on the right day.
int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

void put2(char* out, unsigned v) {
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
}

const char* const kMonths[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A small cursor over the header value; every reader returns false on a mismatch.
struct Cursor {
  const char* p;

  bool literal(char c) {
    if (*p != c) return false;
    ++p;
    return true;
  }
  void spaces() {
    while (*p == ' ') ++p;
  }
  bool digits(unsigned minCount, unsigned maxCount, unsigned* value) {
    unsigned n = 0;
    unsigned v = 0;
    while (n < maxCount && p[n] >= '0' && p[n] <= '9') {
      v = v * 10 + static_cast<unsigned>(p[n] - '0');
      ++n;
    }
    if (n < minCount) return false;
    p += n;
    *value = v;
    return true;
  }
  bool month(unsigned* value) {
    for (unsigned i = 0; i < 12; ++i) {
      if (strncmp(p, kMonths[i], 3) == 0) {
        p += 3;
        *value = i + 1;
        return true;
      }
    }
    return false;
  }
  // Day names are not checked against the date: a wrong one changes nothing we use.
  bool dayName() {
    unsigned n = 0;
    while ((p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= 'a' && p[n] <= 'z')) ++n;
    if (n < 3) return false;
    p += n;
    return true;
  }
  bool clock(unsigned* h, unsigned* m, unsigned* s) {
    return digits(2, 2, h) && literal(':') && digits(2, 2, m) && literal(':') && digits(2, 2, s);
  }
  bool end() {
    spaces();
    return *p == '\0';
  }
};

bool assemble(int64_t year, unsigned month, unsigned day, unsigned h, unsigned m, unsigned s,
              int64_t* utcMs) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return false;
  if (s == 60) s = 59;  // a leap second: close enough for a retry delay
  *utcMs = (daysFromCivil(year, month, day) * 86400 + h * 3600 + m * 60 + s) * 1000;
  return true;
}

}  // namespace

// Howard Hinnant's days_from_civil: eras of 400 years, March-based years.
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = floorDiv(year, 400);
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civilFromDays(int64_t days, int64_t* year, unsigned* month, unsigned* day) {
  days += 719468;
  const int64_t era = floorDiv(days, 146097);
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = static_cast<int64_t>(yoe) + era * 400 + (*month <= 2 ? 1 : 0);
}

size_t formatRfc3339(int64_t utcMs, char out[25]) {
  const int64_t days = floorDiv(utcMs, kMsPerDay);
  const unsigned msOfDay = static_cast<unsigned>(utcMs - days * kMsPerDay);
  int64_t year;
  unsigned month;
  unsigned day;
  civilFromDays(days, &year, &month, &day);
  if (year < 0 || year > 9999) {
    out[0] = '\0';
    return 0;
  }
  const unsigned y = static_cast<unsigned>(year);
  put2(out, y / 100);
  put2(out + 2, y % 100);
  out[4] = '-';
  put2(out + 5, month);
  out[7] = '-';
  put2(out + 8, day);
  out[10] = 'T';
  put2(out + 11, msOfDay / 3600000);
  out[13] = ':';
  put2(out + 14, msOfDay / 60000 % 60);
  out[16] = ':';
  put2(out + 17, msOfDay / 1000 % 60);
  out[19] = '.';
  out[20] = static_cast<char>('0' + msOfDay % 1000 / 100);
  put2(out + 21, msOfDay % 100);
  out[23] = 'Z';
  out[24] = '\0';
  return 24;
}

bool parseHttpDate(const char* text, int64_t* utcMs) {
  Cursor c = {text};
  c.spaces();
  if (!c.dayName()) return false;
  unsigned day;
  unsigned month;
  unsigned year;
  unsigned h;
  unsigned m;
  unsigned s;
  if (c.literal(',')) {
    c.spaces();
    if (!c.digits(1, 2, &day)) return false;
    if (c.literal('-')) {
      // RFC 850: 06-Nov-94; two-digit years are read as 1970-2069.
      if (!c.month(&month) || !c.literal('-') || !c.digits(2, 4, &year)) return false;
      if (year < 100) year += year < 70 ? 2000 : 1900;
    } else {
      // IMF-fixdate: 06 Nov 1994
      c.spaces();
      if (!c.month(&month)) return false;
      c.spaces();
      if (!c.digits(4, 4, &year)) return false;
    }
    c.spaces();
    if (!c.clock(&h, &m, &s)) return false;
    c.spaces();
    if (!c.literal('G') || !c.literal('M') || !c.literal('T')) return false;
  } else {
    // asctime: Nov  6 08:49:37 1994
    c.spaces();
    if (!c.month(&month)) return false;
    c.spaces();
    if (!c.digits(1, 2, &day)) return false;
    c.spaces();
    if (!c.clock(&h, &m, &s)) return false;
    c.spaces();
    if (!c.digits(4, 4, &year)) return false;
  }
  if (!c.end()) return false;
  return assemble(year, month, day, h, m, s, utcMs);
}

}  // namespace harbor
