#include "analog_probes_model.h"

namespace harbor {
namespace host {

bool AnalogProbeModel::millivolts(uint64_t nowMs, double* mv) {
  const double target = wave_.at(nowMs);
  double lo = 0;
  double hi = probe_.maxMv();
  double v[2];
  // Which way the conversion runs (soil and an NTC to ground fall with millivolts).
  probe_.convert(hi * 0.25, v);
  const double atQuarter = v[0];
  probe_.convert(hi * 0.75, v);
  const bool rising = v[0] > atQuarter;
  for (int i = 0; i < 60; ++i) {
    const double mid = (lo + hi) / 2;
    if (!probe_.convert(mid, v)) v[0] = (mid < probe_.maxMv() / 2) == rising ? -1e9 : 1e9;
    if ((v[0] < target) == rising) lo = mid; else hi = mid;
  }
  *mv = (lo + hi) / 2;
  return true;
}

}  // namespace host
}  // namespace harbor
