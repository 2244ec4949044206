// Aosong AHT10 and AHT20 temperature and humidity over I2C. Each slot sends the
// trigger command and comes back after the datasheet's measurement time; the
// answer starts with a status byte whose busy bit says whether it is done, then
// 20-bit humidity and 20-bit temperature and, on the AHT20, a CRC-8 (the
// Sensirion one: polynomial 0x31, init 0xFF).
#pragma once

#include <stdint.h>

#include "harbor/bus/i2c_bus.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace aht {

// AHT20 datasheet (Aosong), "Sensor reading process" (section 7.4 of the DHT20
// datasheet V1.0, the same part in a case); the AHT10 datasheet's commands.
const uint8_t kTrigger[3] = {0xAC, 0x33, 0x00};
const uint8_t kInitAht10[3] = {0xE1, 0x08, 0x00};
const uint8_t kInitAht20[3] = {0xBE, 0x08, 0x00};
const uint8_t kStatusBusy = 0x80;
const uint8_t kStatusCalibrated = 0x08;
const uint32_t kMeasureAht20Ms = 80;
const uint32_t kMeasureAht10Ms = 75;
const uint32_t kInitMs = 10;
const uint32_t kBusyPollMs = 10;

// "Signal transformation": RH = S_RH / 2^20 * 100 %, T = S_T / 2^20 * 200 - 50 degC.
double humidity(uint32_t raw20);
double celsius(uint32_t raw20);
// The 20-bit humidity and temperature of an answer (status, 5 data bytes).
uint32_t rawHumidity(const uint8_t answer[6]);
uint32_t rawTemperature(const uint8_t answer[6]);

}  // namespace aht

class Aht : public PolledSensor {
 public:
  enum class Variant : uint8_t { Aht10, Aht20 };
  // Channels: temperature (degC), humidity (%RH).
  Aht(I2cBus& bus, uint8_t address, Variant variant, uint32_t intervalMs);

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  I2cBus& bus_;
  uint8_t address_;
  Variant variant_;
  bool initSent_;  // setup: the calibration command is sent, the status due again
  uint8_t polls_;  // reads that found it still busy
  char name_[16];
};

}  // namespace harbor
