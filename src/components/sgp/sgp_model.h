// Host models of the SGP30 and SGP40 / SGP41: their commands, execution
// times (a read before it is over is NACKed), CRC-checked argument words and
// answers (sensirion_model.h). The SGP30 answers 400 ppm / 0 ppb for 15 s
// after init_air_quality, then the waves; an SGP4x answers the waves' raw ticks.
#pragma once

#include "harbor/sensors/sgp.h"
#include "sensirion_model.h"

namespace harbor {
namespace host {

class Sgp30Model : public SensirionModel {
 public:
  // Waves in ppb (TVOC) and ppm (eCO2).
  Sgp30Model(const Wave& tvoc, const Wave& eco2, const Faults& faults);

  // measure_air_quality commands so far (its baseline wants one a second).
  uint32_t measurements() const { return measurements_; }

 protected:
  bool command(uint16_t code, const uint8_t* args, size_t length, uint64_t nowMs) override;
  uint32_t executionMs(uint16_t code) const override;
  bool answer(uint16_t code, uint64_t nowMs, uint16_t* words, size_t* count) override;

 private:
  Wave tvoc_;
  Wave eco2_;
  bool initialized_;
  uint64_t initMs_;
  uint64_t measuredMs_;  // when the measurement being read was started
  uint32_t measurements_;
};

class Sgp4xModel : public SensirionModel {
 public:
  // Waves in raw ticks; `sgp41`: it has a NOx pixel and measure_raw_signals.
  Sgp4xModel(bool sgp41, const Wave& voc, const Wave& nox, const Faults& faults);

 protected:
  bool command(uint16_t code, const uint8_t* args, size_t length, uint64_t nowMs) override;
  uint32_t executionMs(uint16_t code) const override;
  bool answer(uint16_t code, uint64_t nowMs, uint16_t* words, size_t* count) override;

 private:
  bool sgp41_;
  Wave voc_;
  Wave nox_;
  uint64_t measuredMs_;
};

}  // namespace host
}  // namespace harbor
