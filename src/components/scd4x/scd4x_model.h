// Host model of an SCD40 / SCD41: idle until start_periodic_measurement, then
// a measurement every 5 s holding the waves' values at the moment it
// completes; get_data_ready_status and read_measurement as the datasheet
// describes them, each answer readable 1 ms after its command; in periodic
// mode every other command is refused, as after a reboot of the board alone.
// In idle mode get_data_ready_status answers "not ready".
#pragma once

#include "harbor/sensors/scd4x.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Scd4xModel : public I2cModel {
 public:
  // Waves in ppm, degC and %RH.
  Scd4xModel(const Wave& co2, const Wave& temperature, const Wave& humidity, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  // Measurements completed by `nowMs` since the start.
  uint64_t completed(uint64_t nowMs) const;

  Wave co2_;
  Wave temperature_;
  Wave humidity_;
  bool periodic_;
  uint64_t startedMs_;
  uint64_t fetched_;     // measurements read so far
  uint16_t command_;     // the last command, whose answer a read returns
  uint64_t commandMs_;
  uint64_t idleAtMs_;    // stop_periodic_measurement takes 500 ms
};

}  // namespace host
}  // namespace harbor
