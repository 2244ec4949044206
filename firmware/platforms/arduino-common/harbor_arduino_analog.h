// analogRead() scaled to millivolts, for the Arduino adapters whose cores
// return raw counts (ESP8266, arduino-pico; arduino-esp32 calibrates itself).
// Copied next to each adapter's source in lib/harbor_platform/src.
#pragma once

#include <Arduino.h>

namespace harbor {
namespace platform {
namespace arduino {

// `fullScaleMv` is what a reading of `maxRaw` stands for.
inline bool analogReadMillivolts(int pin, double fullScaleMv, int maxRaw, double* millivolts) {
  const int raw = analogRead(pin);
  if (raw < 0) return false;
  *millivolts = raw * fullScaleMv / maxRaw;
  return true;
}

}  // namespace arduino
}  // namespace platform
}  // namespace harbor
