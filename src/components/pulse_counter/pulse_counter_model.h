// Host model of a meter's pulse output: the total it has metered follows a
// wave that only rises over a run (a quarter of a day-long sine), and the
// pulses counted are that total over the factor per pulse. Unplugged, its
// pulses are lost: the count stands still and stays behind afterwards.
#pragma once

#include "host_models.h"

namespace harbor {
namespace host {

class PulseCounterModel : public PinModel {
 public:
  PulseCounterModel(const Wave& total, double factor, const Faults& faults);
  uint32_t pulses(uint64_t nowMs) override;

 private:
  Wave total_;
  double factor_;
  uint32_t seen_;  // pulses the meter gave so far
  uint32_t lost_;  // ... of which none reached the pin
  uint64_t lastMs_;
};

}  // namespace host
}  // namespace harbor
