// TE HTU21D(F) and Silicon Labs Si7021 humidity and temperature over I2C, in
// no-hold master mode: each slot triggers a humidity measurement, reads it
// when the datasheet says it is done (the part NACKs a read before that),
// then triggers and reads the temperature. Every word carries a CRC-8
// (polynomial 0x131, init 0: htu21dCrc8).
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace htu21d {

// HTU21D(F) datasheet, "Commands" and "Measuring time"; Si7021-A20 datasheet, its I2C command table
// and conversion times.
const uint8_t kAddress = 0x40;
const uint8_t kMeasureTemperature = 0xF3;  // no hold master
const uint8_t kMeasureHumidity = 0xF5;     // no hold master
const uint8_t kReadUserRegister = 0xE7;
const uint8_t kTypeHumidity = 0x02;        // HTU21D: bit 1 of the LSB set in a humidity word

// HTU21D(F) "Conversion of signal outputs", Si7021 "Measuring relative humidity" / "temperature" (the same
// formulas), the two status bits cleared: T = -46.85 + 175.72 S / 2^16, RH = -6 + 125 S / 2^16.
double celsius(uint16_t word);
double humidity(uint16_t word);

}  // namespace htu21d

class Htu21d : public PolledSensor {
 public:
  enum class Variant : uint8_t { Htu21d, Si7021 };
  // Channels: temperature (degC), humidity (%RH).
  Htu21d(I2cBus& bus, Variant variant, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  // Reads a measured word with a good CRC into *word: Done, or why not.
  Result readWord(uint16_t* word);

  I2cBus& bus_;
  Variant variant_;
  bool humidityRead_;  // collect: the humidity is in, the temperature measuring
  uint16_t humidityWord_;
  char name_[16];
};

}  // namespace harbor
