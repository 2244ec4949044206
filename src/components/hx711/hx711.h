// Avia HX711 24-bit load-cell ADC on two pins (DOUT, SCK): channel A at gain
// 128 or 64, or channel B at 32 (25, 27 or 26 clock pulses, datasheet Table
// 3; the pulses choose the next conversion's). Each slot waits for DOUT to go low
// (a conversion ready: 10 a second with RATE low) by polling it between loop
// passes, then clocks the 24 bits (~50 us); weight = (raw - tare) / scale.
// Datasheet: AVIA Semiconductor HX711, "Serial Interface", Table 3 and Fig. 2.
#pragma once

#include <stdint.h>

#include "harbor/polled_sensor.h"

namespace harbor {
namespace hx711 {

const uint8_t kGain128Pulses = 25;    // channel A, gain 128 (the power-on setting)
// Clock pulses for `gain` 128, 64 (channel A) or 32 (channel B); 0 for another.
uint8_t pulsesForGain(uint8_t gain);
const int32_t kMaxCode = 0x7FFFFF;    // the output saturates here above full scale ...
const int32_t kMinCode = -0x800000;   // ... and here below it (datasheet Table 3)

// Weight in the unit `scale` counts per (counts per gram: grams).
double weight(int32_t raw, double tare, double scale);

}  // namespace hx711

class Hx711 : public PolledSensor {
 public:
  // Channel: weight. `tare`: the raw reading with nothing on the scale;
  // `scale`: counts per unit (from a known weight: (raw - tare) / its weight);
  // `gain` 128, 64 or 32.
  Hx711(int dout, int sck, double tare, double scale, uint8_t gain, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  int dout_;
  int sck_;
  double tare_;
  double scale_;
  uint8_t pulses_;
  bool settled_;   // the conversions are at our gain (the power-on one is at 128)
  uint8_t polls_;
  char name_[16];
};

}  // namespace harbor
