// Host model of an SCD40 / SCD41: idle until start_periodic_measurement, then
// a measurement every 5 s (sensirion_model.h); get_data_ready_status and
// read_measurement answer 1 ms after their command; in periodic mode every
// other command is refused, as after a reboot of the board alone; in idle
// mode get_data_ready_status answers "not ready".
#pragma once

#include "harbor/sensors/scd4x.h"
#include "sensirion_model.h"

namespace harbor {
namespace host {

class Scd4xModel : public SensirionModel {
 public:
  // Waves in ppm, degC and %RH.
  Scd4xModel(const Wave& co2, const Wave& temperature, const Wave& humidity, const Faults& faults);

 protected:
  bool command(uint16_t code, const uint8_t* args, size_t length, uint64_t nowMs) override;
  bool answer(uint16_t code, uint64_t nowMs, uint16_t* words, size_t* count) override;

 private:
  Wave co2_;
  Wave temperature_;
  Wave humidity_;
  uint64_t idleAtMs_;  // stop_periodic_measurement takes 500 ms
};

}  // namespace host
}  // namespace harbor
