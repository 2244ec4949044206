// Ship and cargo ids: counted in characters as the Harbor counts them, never
// cut inside a UTF-8 sequence (a cut sequence is invalid UTF-8: every batch
// carrying it would be refused with 400).
#include <string.h>

#include <string>

#include "check.h"
#include "harbor/utf8.h"

namespace {

std::string repeat(const char* unit, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) out += unit;
  return out;
}

std::string copied(const std::string& text, size_t size, size_t maxChars) {
  char out[harbor::kIdMaxBytes + 8];
  memset(out, 'x', sizeof out);
  size_t n = harbor::copyChars(out, size, text.c_str(), maxChars);
  CHECK_EQ(n, strlen(out));
  return std::string(out);
}

}  // namespace

TEST_CASE("utf8: 61 × é is 61 characters (122 bytes), a valid id kept whole") {
  std::string id = repeat("\xC3\xA9", 61);
  CHECK_EQ(harbor::utf8Chars(id.c_str()), 61u);
  CHECK(harbor::isValidId(id.c_str()));
  CHECK_EQ(copied(id, harbor::kIdMaxBytes, harbor::kIdMaxChars), id);
}

TEST_CASE("utf8: 100 × 🚢 is 100 characters (400 bytes), a valid id kept whole; 101 is too long") {
  std::string id = repeat("\xF0\x9F\x9A\xA2", 100);
  CHECK_EQ(id.size(), 400u);
  CHECK(harbor::isValidId(id.c_str()));
  CHECK_EQ(copied(id, harbor::kIdMaxBytes, harbor::kIdMaxChars), id);
  CHECK(!harbor::isValidId((id + "\xF0\x9F\x9A\xA2").c_str()));
}

TEST_CASE("utf8: a copy that must be shortened ends on a character boundary") {
  std::string ships = repeat("\xF0\x9F\x9A\xA2", 10);
  // 9 bytes hold two ships (8 bytes) and the NUL; the third ship's first byte must not follow.
  CHECK_EQ(copied(ships, 9, 100), repeat("\xF0\x9F\x9A\xA2", 2));
  CHECK_EQ(copied(ships, 12, 100), repeat("\xF0\x9F\x9A\xA2", 2));
  CHECK_EQ(copied(ships, 13, 100), repeat("\xF0\x9F\x9A\xA2", 3));
  CHECK_EQ(copied(repeat("\xC3\xA9", 5), 100, 3), repeat("\xC3\xA9", 3));
  CHECK_EQ(copied("a\xC3\xA9", 3, 100), std::string("a"));
}

TEST_CASE("utf8: invalid sequences are not ids") {
  CHECK(!harbor::isValidId(""));
  CHECK(!harbor::isValidId("\xC3"));                  // cut sequence
  CHECK(!harbor::isValidId("\xC0\xAF"));              // overlong '/'
  CHECK(!harbor::isValidId("\xED\xA0\x80"));          // surrogate U+D800
  CHECK(!harbor::isValidId("\xF4\x90\x80\x80"));      // past U+10FFFF
  CHECK(!harbor::isValidId("\xA9"));                  // lone continuation byte
  CHECK(harbor::isValidId("\xF4\x8F\xBF\xBF"));       // U+10FFFF itself
  CHECK(harbor::isValidId(repeat("a", 100).c_str()));
  CHECK(!harbor::isValidId(repeat("a", 101).c_str()));
}
