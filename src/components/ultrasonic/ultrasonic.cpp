#include "harbor/sensors/ultrasonic.h"

#include <math.h>
#include <stdio.h>

#include "harbor/platform.h"

namespace harbor {
namespace ultrasonic {

double speedOfSound(double celsius) { return 331.3 * sqrt(1.0 + celsius / 273.15); }

double metres(uint32_t echoUs, double speed) { return echoUs * 1e-6 * speed / 2.0; }

}  // namespace ultrasonic

namespace {

// The echo is polled this often; its width is timed by the interrupt, not by the poll.
const uint32_t kPollMs = 2;

}  // namespace

Ultrasonic::Ultrasonic(int trigger, int echo, double minM, double maxM, double celsius, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs),
      trigger_(trigger),
      echo_(echo),
      minM_(minM),
      maxM_(maxM),
      speed_(ultrasonic::speedOfSound(celsius)),
      // The round trip of the farthest distance, and 20 % for the echo's start.
      timeoutUs_(static_cast<uint32_t>(2.0 * maxM / speed_ * 1e6 * 1.2)) {
  snprintf(name_, sizeof name_, "echo GPIO %d", echo);
}

PolledSensor::Result Ultrasonic::setup(uint64_t) {
  return platform::echoBegin(trigger_, echo_) ? done() : fail(ReadError::Bus);
}

PolledSensor::Result Ultrasonic::start(uint64_t) {
  platform::echoTrigger(trigger_, echo_);
  return waitMs(kPollMs);
}

PolledSensor::Result Ultrasonic::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint32_t widthUs = 0;
  const int r = platform::echoPoll(echo_, timeoutUs_, &widthUs);
  if (r == 0) return waitMs(kPollMs);
  if (r < 0) return fail(ReadError::OutOfRange);  // no echo: nothing in range
  const double m = ultrasonic::metres(widthUs, speed_);
  if (m < minM_ || m > maxM_) return fail(ReadError::OutOfRange);
  out.emit(0, m, takenMs);
  return done();
}

}  // namespace harbor
