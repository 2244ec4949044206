// Sensirion gas sensors over I2C, their signals as the sensor gives them:
// - SGP30 (0x58): init_air_quality, then measure_air_quality every second, as
//   its on-chip baseline compensation requires (SGP30 datasheet, the
//   air-quality signals and measurement commands); a reading of eCO2 and TVOC is sent on the user's interval,
//   and none during the first 15 s after init, when the sensor reports fixed
//   400 ppm / 0 ppb. No humidity compensation.
// - SGP40 / SGP41 (0x59): measure_raw_signal(s) with the default humidity and
//   temperature arguments (50 %RH, 25 degC), the raw SRAW_VOC (and SRAW_NOX)
//   ticks. Sensirion's gas index algorithm (VOC / NOx index 0-500) is not run
//   here: the raw ticks are what is sent.
// Every word carries Sensirion's CRC-8 (harbor/bus/sensirion.h).
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace sgp {

const uint8_t kSgp30Address = 0x58;
const uint16_t kGetFeatureSet = 0x202F;     // 10 ms; product type in bits 15:12, 0 = SGP30
const uint16_t kInitAirQuality = 0x2003;    // 10 ms
const uint16_t kMeasureAirQuality = 0x2008; // 12 ms; eCO2 (ppm), TVOC (ppb)
const uint32_t kSgp30CommandMs = 10;
const uint32_t kMeasureAirQualityMs = 12;
const uint32_t kSgp30WarmUpMs = 15000;      // fixed 400 ppm / 0 ppb after init

const uint8_t kSgp4xAddress = 0x59;
const uint16_t kGetSerialNumber = 0x3682;   // 1 ms; 3 words
const uint16_t kMeasureRawSignal = 0x260F;  // SGP40, 30 ms; SRAW_VOC
const uint16_t kMeasureRawSignals = 0x2619; // SGP41, 50 ms; SRAW_VOC, SRAW_NOX
const uint16_t kExecuteConditioning = 0x2612;  // SGP41, 50 ms; SRAW_VOC
const uint32_t kSerialMs = 1;
const uint32_t kSgp40MeasureMs = 30;
const uint32_t kSgp41MeasureMs = 50;
const uint32_t kSgp41ConditioningMs = 10000;  // NOx conditioning after power-up, at most 10 s
// The compensation arguments when none is known: 50 %RH and 25 degC in ticks
// (SGP40 datasheet, measure_raw_signal: RH * 65535 / 100, (T + 45) * 65535 / 175).
const uint16_t kDefaultHumidityTicks = 0x8000;
const uint16_t kDefaultTemperatureTicks = 0x6666;

}  // namespace sgp

class Sgp30 : public PolledSensor {
 public:
  // Channels: tvoc (ppb), eco2 (ppm). Measures every second; sends every `intervalMs`.
  Sgp30(I2cBus& bus, uint32_t intervalMs);

  void begin(uint64_t nowMs) override;

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  I2cBus& bus_;
  uint32_t sendEveryMs_;
  uint64_t bootMs_;      // the user's grid starts here
  uint64_t initMs_;      // init_air_quality was sent
  uint8_t setupStep_;    // 0: ask the feature set, 1: read it and init
};

class Sgp4x : public PolledSensor {
 public:
  enum class Variant : uint8_t { Sgp40, Sgp41 };
  // Channels: voc_raw (ticks), and nox_raw on an SGP41.
  Sgp4x(I2cBus& bus, Variant variant, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  I2cBus& bus_;
  Variant variant_;
  uint64_t setupMs_;
  bool serialAsked_;
  bool conditioning_;  // this slot's command conditions the NOx pixel; nothing to send
};

}  // namespace harbor
