// Sensirion SHT3x (SHT30/31/35) and SHT4x (SHT40/41/45) temperature and
// humidity over I2C, one single-shot measurement per slot: the command starts
// it, the driver comes back after the datasheet's maximum measurement time and
// reads two CRC-protected words (temperature, humidity). Clock stretching is
// off (SHT3x command 0x2400), so a read before the end is NACKed, never held.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace sht {

// SHT3x-DIS datasheet, table 9 (commands) and section 4.11 (status register).
const uint16_t kSht3xMeasureHigh = 0x2400;  // single shot, high repeatability, no clock stretching
const uint16_t kSht3xReadStatus = 0xF32D;
const uint32_t kSht3xMeasureMs = 16;         // table 4: high repeatability, 15 ms at most (15.5 in early versions)
// SHT4x datasheet, section 4.5 (commands) and table 4 (measurement duration).
const uint8_t kSht4xMeasureHigh = 0xFD;      // high precision
const uint8_t kSht4xReadSerial = 0x89;
const uint32_t kSht4xMeasureMs = 9;          // table 4: high precision, 8.3 ms at most
const uint32_t kSht4xSerialMs = 1;           // as Sensirion's own driver waits before reading it

// A 16-bit word and its CRC-8 as sent (MSB, LSB, CRC): false when the CRC does not match.
bool word(const uint8_t bytes[3], uint16_t* value);
// SHT3x datasheet section 4.13: T = -45 + 175 * S / (2^16 - 1), RH = 100 * S / (2^16 - 1).
double sht3xCelsius(uint16_t raw);
double sht3xHumidity(uint16_t raw);
// SHT4x datasheet section 4.6: T as the SHT3x's, RH = -6 + 125 * S / (2^16 - 1), cropped to 0..100 %RH.
double sht4xCelsius(uint16_t raw);
double sht4xHumidity(uint16_t raw);

}  // namespace sht

class Sht : public PolledSensor {
 public:
  enum class Variant : uint8_t { Sht3x, Sht4x };
  // Channels: temperature (degC), humidity (%RH).
  Sht(I2cBus& bus, uint8_t address, Variant variant, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  platform::BusResult command(uint16_t code);

  I2cBus& bus_;
  uint8_t address_;
  Variant variant_;
  bool serialAsked_;  // SHT4x setup: the serial number command is sent, its answer due
  char name_[16];
};

}  // namespace harbor
