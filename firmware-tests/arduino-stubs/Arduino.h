// Just enough of Arduino.h for harbor_arduino_http.h on the host: a clock the
// test moves (fake::state().nowMs) and String.
#pragma once

#include <stdint.h>

#include <string>

uint32_t millis();
void delay(uint32_t ms);

class String {
 public:
  String(const char* text = "") : text_(text) {}
  const char* c_str() const { return text_.c_str(); }

 private:
  std::string text_;
};
