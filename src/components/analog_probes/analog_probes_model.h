// Host models of the analog probes: the millivolts on the pin whose
// conversion by the probe's own formula is the wave's value at that moment
// (found by bisection: every conversion is monotonic in millivolts), so the
// driver reads back the wave; the formulas themselves are tested against
// datasheet tables in analog_probes_test.cpp.
#pragma once

#include "harbor/sensors/analog_probes.h"
#include "host_models.h"

namespace harbor {
namespace host {

class AnalogProbeModel : public PinModel {
 public:
  bool millivolts(uint64_t nowMs, double* mv) override;

 protected:
  AnalogProbeModel(const AnalogProbe& probe, const Wave& wave, const Faults& faults)
      : PinModel(faults), probe_(probe), wave_(wave) {}

 private:
  const AnalogProbe& probe_;  // a member of the derived model, constructed after this base
  Wave wave_;
};

class SoilMoistureModel : public AnalogProbeModel {
 public:
  SoilMoistureModel(double dryMv, double wetMv, const Wave& percent, const Faults& faults)
      : AnalogProbeModel(probe_, percent, faults), probe_(-1, dryMv, wetMv, 1000) {}

 private:
  SoilMoisture probe_;
};

class BatteryModel : public AnalogProbeModel {
 public:
  BatteryModel(double ratio, const Wave& volts, const Faults& faults)
      : AnalogProbeModel(probe_, volts, faults), probe_(-1, ratio, 1000) {}

 private:
  Battery probe_;
};

class NtcModel : public AnalogProbeModel {
 public:
  NtcModel(double seriesOhms, double supplyMv, bool ntcToGround, Ntc::Curve curve, double p1, double p2, double p3,
           const Wave& celsius, const Faults& faults)
      : AnalogProbeModel(probe_, celsius, faults), probe_(-1, seriesOhms, supplyMv, ntcToGround, curve, p1, p2, p3, 1000) {}

 private:
  Ntc probe_;
};

}  // namespace host
}  // namespace harbor
