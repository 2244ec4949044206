// A tiny test harness: named cases, checks that record a failure and go on,
// one PASS/FAIL line per case. test/firmware/runtime.test.ts parses the lines.
#pragma once

#include <sstream>
#include <string>

namespace check {

typedef void (*CaseFn)();

struct Registrar {
  Registrar(const char* name, CaseFn fn);
};

void fail(const char* file, int line, const std::string& message);

template <typename T>
std::string show(const T& value) {
  std::ostringstream out;
  out << value;
  return out.str();
}
inline std::string show(const std::string& value) { return "\"" + value + "\""; }
inline std::string show(const char* value) { return value ? "\"" + std::string(value) + "\"" : "null"; }
inline std::string show(unsigned char value) { return show(static_cast<unsigned>(value)); }
inline std::string show(bool value) { return value ? "true" : "false"; }

}  // namespace check

#define CHECK_CONCAT2(a, b) a##b
#define CHECK_CONCAT(a, b) CHECK_CONCAT2(a, b)

#define TEST_CASE(name)                                                                   \
  static void CHECK_CONCAT(test_case_, __LINE__)();                                       \
  static check::Registrar CHECK_CONCAT(test_registrar_, __LINE__)(                         \
      name, &CHECK_CONCAT(test_case_, __LINE__));                                         \
  static void CHECK_CONCAT(test_case_, __LINE__)()

#define CHECK(cond)                                                  \
  do {                                                               \
    if (!(cond)) check::fail(__FILE__, __LINE__, "CHECK(" #cond ")"); \
  } while (0)

#define CHECK_EQ(actual, expected)                                                          \
  do {                                                                                      \
    const auto& check_a_ = (actual);                                                        \
    const auto& check_e_ = (expected);                                                      \
    if (!(check_a_ == check_e_)) {                                                          \
      check::fail(__FILE__, __LINE__,                                                       \
                  std::string(#actual " == " #expected ": got ") + check::show(check_a_) + \
                      ", expected " + check::show(check_e_));                               \
    }                                                                                       \
  } while (0)

// Adds context to the failures of the enclosing block, e.g. the status code of a table row.
#define CHECK_CONTEXT(text) check::Context CHECK_CONCAT(check_context_, __LINE__)(text)

namespace check {
struct Context {
  explicit Context(const std::string& text);
  ~Context();
};
}  // namespace check
