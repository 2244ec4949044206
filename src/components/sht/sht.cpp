#include "harbor/sensors/sht.h"

#include <stdio.h>

#include "harbor/bus/crc.h"

namespace harbor {
namespace sht {

bool word(const uint8_t bytes[3], uint16_t* value) {
  if (sensirionCrc8(bytes, 2) != bytes[2]) return false;
  *value = static_cast<uint16_t>(bytes[0] << 8 | bytes[1]);
  return true;
}

double sht3xCelsius(uint16_t raw) { return -45.0 + 175.0 * raw / 65535.0; }
double sht3xHumidity(uint16_t raw) { return 100.0 * raw / 65535.0; }
double sht4xCelsius(uint16_t raw) { return sht3xCelsius(raw); }

double sht4xHumidity(uint16_t raw) {
  const double rh = -6.0 + 125.0 * raw / 65535.0;
  // Section 4.6: values beyond 0..100 %RH are physically impossible and are cropped.
  return rh < 0 ? 0 : rh > 100 ? 100 : rh;
}

}  // namespace sht

Sht::Sht(I2cBus& bus, uint8_t address, Variant variant, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs), bus_(bus), address_(address), variant_(variant), serialAsked_(false) {
  snprintf(name_, sizeof name_, "%s 0x%02x", variant == Variant::Sht3x ? "sht3x" : "sht4x", address);
}

platform::BusResult Sht::command(uint16_t code) {
  // SHT3x commands are 16 bits, SHT4x commands 8.
  const uint8_t bytes[2] = {static_cast<uint8_t>(code >> 8), static_cast<uint8_t>(code)};
  return variant_ == Variant::Sht3x ? bus_.write(address_, bytes, 2) : bus_.write(address_, bytes + 1, 1);
}

PolledSensor::Result Sht::setup(uint64_t) {
  // Found when it answers a read-only command with a good CRC: the SHT3x's
  // status register (readable at once), the SHT4x's serial number (after 1 ms).
  if (variant_ == Variant::Sht4x && !serialAsked_) {
    const platform::BusResult r = command(sht::kSht4xReadSerial);
    if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
    serialAsked_ = true;
    return waitMs(sht::kSht4xSerialMs);
  }
  serialAsked_ = false;
  platform::BusResult r = platform::BusResult::Ok;
  if (variant_ == Variant::Sht3x) r = command(sht::kSht3xReadStatus);
  uint8_t d[6];
  const size_t length = variant_ == Variant::Sht3x ? 3 : 6;
  if (r == platform::BusResult::Ok) r = bus_.read(address_, d, length);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  uint16_t w = 0;
  for (size_t i = 0; i < length; i += 3) {
    if (!sht::word(d + i, &w)) return fail(ReadError::Crc);
  }
  return done();
}

PolledSensor::Result Sht::start(uint64_t) {
  const bool sht3x = variant_ == Variant::Sht3x;
  const platform::BusResult r = command(sht3x ? sht::kSht3xMeasureHigh : sht::kSht4xMeasureHigh);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return waitMs(sht3x ? sht::kSht3xMeasureMs : sht::kSht4xMeasureMs);
}

PolledSensor::Result Sht::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t d[6];
  const platform::BusResult r = bus_.read(address_, d, sizeof d);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  uint16_t rawT = 0;
  uint16_t rawH = 0;
  if (!sht::word(d, &rawT) || !sht::word(d + 3, &rawH)) return fail(ReadError::Crc);
  const bool sht3x = variant_ == Variant::Sht3x;
  const double celsius = sht3x ? sht::sht3xCelsius(rawT) : sht::sht4xCelsius(rawT);
  const double rh = sht3x ? sht::sht3xHumidity(rawH) : sht::sht4xHumidity(rawH);
  // Both datasheets' specified range (section 1/2): -40..125 degC.
  if (celsius < -40 || celsius > 125) return fail(ReadError::OutOfRange);
  out.emit(0, celsius, takenMs);
  out.emit(1, rh, takenMs);
  return done();
}

}  // namespace harbor
