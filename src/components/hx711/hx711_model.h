// Host model of an HX711 with a load cell: a conversion completes every
// 100 ms (10 samples a second), DOUT low until it is read; the code is the
// wave's weight times the scale plus the tare, as a 24-bit value would be, at
// the gain the scale was calibrated at; a conversion at another gain (the
// power-on 128, before the first read's pulses set it) is off by their ratio.
// Unplugged, DOUT stays high, and it powers up at 128 again.
#pragma once

#include "harbor/sensors/hx711.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Hx711Model : public PinModel {
 public:
  Hx711Model(double tare, double scale, uint8_t gain, const Wave& weight, const Faults& faults)
      : PinModel(faults), tare_(tare), scale_(scale), gain_(gain), weight_(weight), readMs_(0), read_(false),
        pulses_(hx711::kGain128Pulses), wasUnplugged_(false) {}
  int level(uint64_t nowMs) override;
  platform::BusResult hx711Read(uint64_t nowMs, uint8_t pulses, int32_t* raw) override;

 private:
  double tare_;
  double scale_;
  uint8_t gain_;
  Wave weight_;
  uint64_t readMs_;  // the last read
  bool read_;
  uint8_t pulses_;   // the gain the next conversion is at, as the last read's pulses set it
  bool wasUnplugged_;
};

}  // namespace host
}  // namespace harbor
