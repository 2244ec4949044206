// Aosong DHT11 and DHT22 / AM2302 temperature and humidity on one data pin.
// start() holds the line low for the start signal (18 ms for a DHT11, 1 ms
// for a DHT22) without waiting on it; collect() releases it and reads the
// 40-bit frame, the one step that holds the CPU (~5 ms, the protocol's own
// timing). Frame and checksum: DHT11 datasheet (Aosong/ASAIR) section 5,
// AM2302 datasheet (Aosong) section 7.
#pragma once

#include <stdint.h>

#include "harbor/polled_sensor.h"

namespace harbor {

class Dht : public PolledSensor {
 public:
  enum class Variant : uint8_t { Dht11, Dht22 };
  // Channels: temperature (degC), humidity (%RH).
  Dht(int pin, Variant variant, uint32_t intervalMs);

  // The frame's checksum: the low 8 bits of the sum of the first four bytes.
  static bool checksumOk(const uint8_t frame[5]);
  // Decodes a frame: DHT11 integral and decimal bytes (the decimal's bit 7 the
  // sign), DHT22 16-bit tenths with the temperature's bit 15 the sign.
  static void decode(Variant variant, const uint8_t frame[5], double* celsius, double* humidity);
  // The start signal the variant needs, in ms.
  static uint32_t startMs(Variant variant) { return variant == Variant::Dht11 ? 20 : 2; }

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  int pin_;
  Variant variant_;
  char name_[16];
};

}  // namespace harbor
