// HC-SR04 / JSN-SR04T ultrasonic ranging: a 10 us trigger pulse, then the
// echo's width, taken by the platform's interrupt and polled between loop
// passes; distance = width x speed of sound / 2. No echo within the timeout
// is nothing in range. HC-SR04 datasheet (ElecFreaks), "Timing diagram";
// JSN-SR04T datasheet, mode 1.
#pragma once

#include <stdint.h>

#include "harbor/polled_sensor.h"

namespace harbor {
namespace ultrasonic {

// Speed of sound in dry air, m/s: 331.3 sqrt(1 + T / 273.15), 343.2 at 20 degC.
double speedOfSound(double celsius);
// Metres to the target from the echo's width (there and back).
double metres(uint32_t echoUs, double speed);

}  // namespace ultrasonic

class Ultrasonic : public PolledSensor {
 public:
  // Channel: distance (m). Readings outside `minM` - `maxM` (the part's range) are refused.
  Ultrasonic(int trigger, int echo, double minM, double maxM, double celsius, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  int trigger_;
  int echo_;
  double minM_;
  double maxM_;
  double speed_;
  uint32_t timeoutUs_;
  char name_[20];
};

}  // namespace harbor
