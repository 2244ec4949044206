// Host model of an SHT3x or SHT4x: the single-shot commands of the datasheets,
// a measurement that takes the typical time (a read before it ends is NACKed,
// as with clock stretching off), the SHT3x status register and the SHT4x
// serial number, every word followed by its Sensirion CRC-8. Raw words come
// from the waves through the inverse of the datasheet formulas.
#pragma once

#include "harbor/sensors/sht.h"
#include "host_models.h"

namespace harbor {
namespace host {

class ShtModel : public I2cModel {
 public:
  // Waves in degC and %RH.
  ShtModel(bool sht4x, const Wave& temperature, const Wave& humidity, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 private:
  void put(size_t at, uint16_t word);

  bool sht4x_;
  Wave temperature_;
  Wave humidity_;
  uint8_t out_[6];     // what a read returns
  size_t outLength_;   // 0: nothing to read (NACK)
  uint64_t readyAtMs_;
};

}  // namespace host
}  // namespace harbor
