// The host build's <Arduino.h>: what a generated src/main.cpp needs of it.
// setup() and loop() take C linkage, as on the ESP8266 core and ArduinoCore-API
// (arduino-pico); host_main.cpp calls them through the same declarations.
#pragma once

#ifdef __cplusplus
extern "C" {
#endif
void setup(void);
void loop(void);
// arduino-pico's second core (RP2040Support.h declares them so): the host runs
// them in a second thread when the program defines them.
void setup1(void) __attribute__((weak));
void loop1(void) __attribute__((weak));
#ifdef __cplusplus
}
#endif

#define PROGMEM

// What a sketch of the user's own calls from <Arduino.h>, on the host's virtual clock:
// millis() and delay() as in ArduinoCore-API's Common.h (unsigned long), and Serial's
// print()/println() (Print.h), whose lines go where the firmware's log lines go.
#ifdef __cplusplus
#include <stdint.h>
#include <stdio.h>

#include <string>

namespace harbor {
namespace platform {
// As declared in harbor/platform.h, which a sketch's own files need not reach.
uint64_t monotonicMs();
void idleUntil(uint64_t wakeAtMs);
void log(const char* line);
}  // namespace platform
}  // namespace harbor

inline unsigned long millis() { return static_cast<unsigned long>(harbor::platform::monotonicMs()); }
// The loop thread sleeps on the virtual clock; the sender thread, if any, runs meanwhile.
inline void delay(unsigned long ms) { harbor::platform::idleUntil(harbor::platform::monotonicMs() + ms); }

class HostSerial {
 public:
  void begin(unsigned long) {}
  size_t print(const char* text) { return add(text); }
  size_t print(char c) { return add(std::string(1, c).c_str()); }
  size_t print(int v) { return format("%d", v); }
  size_t print(unsigned v) { return format("%u", v); }
  size_t print(long v) { return format("%ld", v); }
  size_t print(unsigned long v) { return format("%lu", v); }
  size_t print(double v, int digits = 2) { return format("%.*f", digits, v); }
  size_t println() { return end(); }
  template <typename T>
  size_t println(T value) {
    size_t n = print(value);
    return n + end();
  }

 private:
  template <typename... Args>
  size_t format(const char* pattern, Args... args) {
    char text[64];
    snprintf(text, sizeof text, pattern, args...);
    return add(text);
  }
  size_t add(const char* text) {
    line_ += text;
    return std::string(text).size();
  }
  size_t end() {
    harbor::platform::log(line_.c_str());
    line_.clear();
    return 2;
  }
  std::string line_;
};

inline HostSerial& hostSerial() {
  static HostSerial serial;
  return serial;
}
#define Serial hostSerial()
#endif
