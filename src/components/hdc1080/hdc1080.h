// Texas Instruments HDC1080 temperature and humidity over I2C. Configured to
// measure both in sequence at 14 bits; each slot writes the temperature
// register's pointer to trigger a measurement and reads the four result bytes
// once the datasheet's conversion time has passed (the part NACKs a read
// before that). No CRC on this part.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace hdc1080 {

// HDC1080 datasheet (SNAS672), section 8.6, register map.
const uint8_t kAddress = 0x40;
const uint8_t kRegTemperature = 0x00;
const uint8_t kRegConfiguration = 0x02;
const uint8_t kRegManufacturerId = 0xFE;
const uint8_t kRegDeviceId = 0xFF;
const uint16_t kManufacturerId = 0x5449;
const uint16_t kDeviceId = 0x1050;
const uint16_t kSequence14Bit = 0x1000;  // MODE 1: temperature then humidity, TRES and HRES 14 bits
// Section 7.5 (electrical characteristics): 6.35 ms (14-bit T) + 6.5 ms (14-bit RH).
const uint32_t kConversionMs = 13;

// Sections 8.6.1 and 8.6.2: T = raw / 2^16 * 165 - 40 degC, RH = raw / 2^16 * 100 %RH.
double celsius(uint16_t raw);
double humidity(uint16_t raw);

}  // namespace hdc1080

class Hdc1080 : public PolledSensor {
 public:
  // Channels: temperature (degC), humidity (%RH).
  Hdc1080(I2cBus& bus, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  platform::BusResult read16(uint8_t reg, uint16_t* value);

  I2cBus& bus_;
};

}  // namespace harbor
