// Host model of an SCD30: trigger_continuous_measurement starts (or restarts)
// a measurement every 2 s (sensirion_model.h); get_data_ready_status and
// read_measurement answer 3 ms after their command, where the real sensor
// stretches the clock; floats in big-endian words.
#pragma once

#include "harbor/sensors/scd30.h"
#include "sensirion_model.h"

namespace harbor {
namespace host {

class Scd30Model : public SensirionModel {
 public:
  // Waves in ppm, degC and %RH.
  Scd30Model(const Wave& co2, const Wave& temperature, const Wave& humidity, const Faults& faults);

 protected:
  bool command(uint16_t code, const uint8_t* args, size_t length, uint64_t nowMs) override;
  bool answer(uint16_t code, uint64_t nowMs, uint16_t* words, size_t* count) override;

 private:
  Wave co2_;
  Wave temperature_;
  Wave humidity_;
};

}  // namespace host
}  // namespace harbor
