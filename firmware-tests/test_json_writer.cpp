#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <limits>
#include <string>

#include "check.h"
#include "harbor/civil_time.h"
#include "harbor/json_writer.h"

using harbor::BatchWriter;
using harbor::formatNumber;
using harbor::formatRfc3339;

namespace {

std::string number(double v) {
  char out[32];
  const size_t n = formatNumber(v, out);
  CHECK_EQ(n, strlen(out));
  return out;
}

// RFC 8259 number grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
bool isJsonNumber(const std::string& s) {
  size_t i = 0;
  const size_t n = s.size();
  if (i < n && s[i] == '-') ++i;
  if (i >= n) return false;
  if (s[i] == '0') {
    ++i;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (i < n && isdigit(static_cast<unsigned char>(s[i]))) ++i;
  } else {
    return false;
  }
  if (i < n && s[i] == '.') {
    ++i;
    const size_t start = i;
    while (i < n && isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) return false;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    const size_t start = i;
    while (i < n && isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) return false;
  }
  return i == n;
}

std::string rfc3339(int64_t ms) {
  char out[25];
  const size_t n = formatRfc3339(ms, out);
  return n == 0 ? std::string("<none>") : std::string(out, n);
}

}  // namespace

TEST_CASE("json: numbers use the fewest of 15/16/17 digits that round-trip") {
  CHECK_EQ(number(0.1), "0.1");
  CHECK_EQ(number(0.1 + 0.2), "0.30000000000000004");
  CHECK_EQ(number(1e21), "1e+21");
  CHECK_EQ(number(123456789.125), "123456789.125");
  CHECK_EQ(number(-0.0), "-0");
  CHECK_EQ(number(0.0), "0");
  CHECK_EQ(number(42), "42");
  CHECK_EQ(number(-7), "-7");
  CHECK_EQ(number(23.5), "23.5");
  CHECK_EQ(number(9007199254740992.0), "9007199254740992");
  CHECK_EQ(number(-61), "-61");
  CHECK_EQ(number(1.0 / 3.0), "0.3333333333333333");
  // The smallest subnormal: 15 digits already read back exactly.
  const std::string tiny = number(5e-324);
  CHECK_EQ(strtod(tiny.c_str(), 0), 5e-324);
  CHECK(isJsonNumber(tiny));
  const std::string huge = number(std::numeric_limits<double>::max());
  CHECK_EQ(strtod(huge.c_str(), 0), std::numeric_limits<double>::max());
}

TEST_CASE("json: NaN and infinities are not numbers") {
  char out[32];
  CHECK_EQ(formatNumber(std::numeric_limits<double>::quiet_NaN(), out), 0u);
  CHECK_EQ(formatNumber(std::numeric_limits<double>::infinity(), out), 0u);
  CHECK_EQ(formatNumber(-std::numeric_limits<double>::infinity(), out), 0u);
}

TEST_CASE("json: random doubles round-trip and are valid JSON numbers") {
  uint64_t x = 0x9e3779b97f4a7c15ULL;
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    double v;
    memcpy(&v, &x, sizeof v);
    if (isnan(v) || isinf(v)) continue;
    const std::string s = number(v);
    if (strtod(s.c_str(), 0) != v || !isJsonNumber(s) || s.size() > 24) {
      CHECK_EQ(s, std::string("a round-tripping JSON number"));
      break;
    }
    ++checked;
  }
  CHECK(checked > 19000);
}

TEST_CASE("time: RFC 3339 with milliseconds and Z") {
  CHECK_EQ(rfc3339(0), "1970-01-01T00:00:00.000Z");
  CHECK_EQ(rfc3339(1795687200123LL), "2026-11-26T10:00:00.123Z");
  CHECK_EQ(rfc3339(1709251199999LL), "2024-02-29T23:59:59.999Z");
  CHECK_EQ(rfc3339(-1), "1969-12-31T23:59:59.999Z");
  CHECK_EQ(rfc3339(-2203891200000LL), "1900-03-01T00:00:00.000Z");
  CHECK_EQ(rfc3339(253402300799999LL), "9999-12-31T23:59:59.999Z");
  CHECK_EQ(rfc3339(253402300800000LL), "<none>");  // year 10000
}

TEST_CASE("time: civil dates and day counts agree over six centuries") {
  int64_t expected = harbor::daysFromCivil(1700, 1, 1);
  int mismatches = 0;
  for (int64_t days = expected; days < expected + 220000; ++days) {
    int64_t y;
    unsigned m;
    unsigned d;
    harbor::civilFromDays(days, &y, &m, &d);
    if (harbor::daysFromCivil(y, m, d) != days || m < 1 || m > 12 || d < 1 || d > 31) ++mismatches;
  }
  CHECK_EQ(mismatches, 0);
  CHECK_EQ(harbor::daysFromCivil(1970, 1, 1), 0);
  CHECK_EQ(harbor::daysFromCivil(2000, 3, 1), 11017);
}

TEST_CASE("json: a batch has the Harbor's field names, order and time format") {
  char buffer[512];
  BatchWriter w(buffer, sizeof buffer);
  w.begin(511);
  CHECK(w.add("esp32-a1b2c3", "temperature", 21.5, true, 1795687200123LL));
  CHECK(w.add("esp32-a1b2c3", "rssi", -61, true, 1795687210000LL));
  const size_t n = w.finish();
  CHECK_EQ(std::string(buffer, n),
           "[{\"ship_id\":\"esp32-a1b2c3\",\"cargo_id\":\"temperature\",\"value\":21.5,"
           "\"time\":\"2026-11-26T10:00:00.123Z\"},"
           "{\"ship_id\":\"esp32-a1b2c3\",\"cargo_id\":\"rssi\",\"value\":-61,"
           "\"time\":\"2026-11-26T10:00:10.000Z\"}]");
  CHECK_EQ(n, strlen(buffer));
  CHECK_EQ(w.count(), 2u);
}

TEST_CASE("json: an untimed reading has no time field") {
  char buffer[256];
  BatchWriter w(buffer, sizeof buffer);
  w.begin(255);
  CHECK(w.add("s", "c", 1, false, 12345));
  CHECK_EQ(std::string(buffer, w.finish()), "[{\"ship_id\":\"s\",\"cargo_id\":\"c\",\"value\":1}]");
}

TEST_CASE("json: ids are escaped; UTF-8 passes through byte for byte") {
  char buffer[512];
  BatchWriter w(buffer, sizeof buffer);
  w.begin(511);
  CHECK(w.add("a\"b\\c", "t\n\x01\x1f\x7f\xc3\xa9\xe2\x82\xac/", 1, false, 0));
  CHECK_EQ(std::string(buffer, w.finish()),
           "[{\"ship_id\":\"a\\\"b\\\\c\",\"cargo_id\":\"t\\u000a\\u0001\\u001f\x7f\xc3\xa9\xe2\x82\xac/\","
           "\"value\":1}]");
}

TEST_CASE("json: the body never exceeds maxBytes and stays a valid array") {
  char buffer[4096];
  BatchWriter w(buffer, sizeof buffer);
  w.begin(4095);
  w.add("s", "c", 1, true, 0);
  const size_t one = w.finish();  // [{"ship_id":"s","cargo_id":"c","value":1,"time":"…"}]
  CHECK_EQ(one, strlen("[{\"ship_id\":\"s\",\"cargo_id\":\"c\",\"value\":1,"
                       "\"time\":\"1970-01-01T00:00:00.000Z\"}]"));
  // Exactly two objects fit in 2 * one: "[" + 2 objects + "," + "]" - ... = 2*one - 1.
  w.begin(2 * one - 1);
  CHECK(w.add("s", "c", 1, true, 0));
  CHECK(w.add("s", "c", 2, true, 0));
  CHECK(!w.add("s", "c", 3, true, 0));
  CHECK_EQ(w.count(), 2u);
  const size_t n = w.finish();
  CHECK_EQ(n, 2 * one - 1);
  CHECK_EQ(buffer[0], '[');
  CHECK_EQ(buffer[n - 1], ']');
  CHECK_EQ(buffer[n - 2], '}');
  // One byte less and the second reading does not fit.
  w.begin(2 * one - 2);
  CHECK(w.add("s", "c", 1, true, 0));
  CHECK(!w.add("s", "c", 2, true, 0));
  CHECK_EQ(w.finish(), one);
}

TEST_CASE("json: a buffer smaller than maxBytes caps the body") {
  char buffer[100];
  BatchWriter w(buffer, sizeof buffer);
  w.begin(12288);
  CHECK(w.add("s", "c", 1, true, 0));
  CHECK(!w.add("s", "c", 2, true, 0));
  CHECK(w.finish() < sizeof buffer);
}

TEST_CASE("json: non-finite values are refused without writing") {
  char buffer[256];
  BatchWriter w(buffer, sizeof buffer);
  w.begin(255);
  CHECK(!w.add("s", "c", std::numeric_limits<double>::quiet_NaN(), true, 0));
  CHECK(!w.add("s", "c", std::numeric_limits<double>::infinity(), true, 0));
  CHECK(w.add("s", "c", 3, false, 0));
  CHECK_EQ(std::string(buffer, w.finish()), "[{\"ship_id\":\"s\",\"cargo_id\":\"c\",\"value\":3}]");
}

namespace {

// newlib-nano without -u _printf_float skips %g and writes nothing.
size_t nanoFormat(double, char out[32]) {
  out[0] = '\0';
  return 0;
}

}  // namespace

TEST_CASE("json: a printf without floating point is reported with the build flag to add") {
  const char* problem = harbor::floatPrintfProblem(&nanoFormat);
  CHECK(problem != 0);
  if (problem != 0) {
    CHECK(std::string(problem).find("[harbor] ERROR:") == 0);
    CHECK(std::string(problem).find("-u _printf_float") != std::string::npos);
  }
  CHECK(harbor::floatPrintfProblem() == 0);  // the host's printf is complete
}
