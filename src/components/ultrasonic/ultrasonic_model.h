// Host model of an ultrasonic ranger: the echo of a trigger lasts the round
// trip to the wave's distance at the speed of sound of its air temperature;
// nothing within `maxM` (or unplugged) gives no echo.
#pragma once

#include "harbor/sensors/ultrasonic.h"
#include "host_models.h"

namespace harbor {
namespace host {

class UltrasonicModel : public PinModel {
 public:
  UltrasonicModel(double celsius, double maxM, const Wave& metres, const Faults& faults)
      : PinModel(faults), speed_(ultrasonic::speedOfSound(celsius)), maxM_(maxM), metres_(metres) {}
  bool echo(uint64_t nowMs, uint32_t* highUs) override;

 private:
  double speed_;
  double maxM_;
  Wave metres_;
};

}  // namespace host
}  // namespace harbor
