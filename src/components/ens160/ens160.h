// ScioSense ENS160 air quality sensor over I2C (0x52 / 0x53), in standard
// operating mode: it computes AQI-UBA, TVOC and eCO2 every second by itself;
// each slot reads DEVICE_STATUS and the three results in one 6-byte burst
// (0x20..0x25). No reading while it warms up (validity flag 1, the first
// 3 minutes after power-on) or calls its output invalid (3). No temperature
// and humidity compensation (TEMP_IN / RH_IN keep their defaults); the
// DATA_MISR checksum is not checked.
// ENS160 datasheet (ScioSense, SC-001224-DS), the register map and the
// DEVICE_STATUS, DATA_AQI, DATA_TVOC and DATA_ECO2 descriptions.
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace ens160 {

const uint8_t kRegPartId = 0x00;   // 2 bytes, little-endian: 0x0160
const uint16_t kPartId = 0x0160;
const uint8_t kRegOpMode = 0x10;
const uint8_t kOpModeStandard = 0x02;
const uint8_t kRegStatus = 0x20;   // then DATA_AQI, DATA_TVOC (2), DATA_ECO2 (2)
const uint8_t kStatusError = 0x40;  // STATER
const uint8_t kStatusNewData = 0x02;  // NEWDAT
const uint32_t kPeriodMs = 1000;

enum class Validity : uint8_t { Normal = 0, WarmUp = 1, InitialStartUp = 2, Invalid = 3 };

struct Reading {
  uint8_t status;
  uint8_t aqi;     // AQI-UBA 1..5
  uint16_t tvoc;   // ppb
  uint16_t eco2;   // ppm
};

// The 6 bytes from DEVICE_STATUS on.
Reading parse(const uint8_t data[6]);
inline Validity validity(uint8_t status) { return static_cast<Validity>((status >> 2) & 0x03); }

}  // namespace ens160

class Ens160 : public PolledSensor {
 public:
  // Channels: aqi (1-5, UBA), tvoc (ppb), eco2 (ppm).
  Ens160(I2cBus& bus, uint8_t address, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  I2cBus& bus_;
  uint8_t address_;
  uint64_t startedMs_;
  char name_[16];
};

}  // namespace harbor
