// Host model of an SPS30: start measurement (float format only) starts a
// measurement every second, refused while measuring; the data-ready flag and
// read measured values (ten floats: the four mass concentrations from the
// waves, then number concentrations and the typical size, zero here) answer
// 5 ms after their command (sensirion_model.h).
#pragma once

#include "harbor/sensors/sps30.h"
#include "sensirion_model.h"

namespace harbor {
namespace host {

class Sps30Model : public SensirionModel {
 public:
  // Waves in ug/m3.
  Sps30Model(const Wave& pm1, const Wave& pm2_5, const Wave& pm4, const Wave& pm10, const Faults& faults);

 protected:
  bool command(uint16_t code, const uint8_t* args, size_t length, uint64_t nowMs) override;
  bool answer(uint16_t code, uint64_t nowMs, uint16_t* words, size_t* count) override;

 private:
  Wave mass_[4];
};

}  // namespace host
}  // namespace harbor
