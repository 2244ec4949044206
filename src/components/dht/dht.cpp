#include "harbor/sensors/dht.h"

#include <stdio.h>

#include "harbor/platform.h"

namespace harbor {

Dht::Dht(int pin, Variant variant, uint32_t intervalMs) : PolledSensor(name_, intervalMs), pin_(pin), variant_(variant) {
  snprintf(name_, sizeof name_, "%s GPIO %d", variant == Variant::Dht11 ? "dht11" : "dht22", pin);
}

bool Dht::checksumOk(const uint8_t frame[5]) {
  return static_cast<uint8_t>(frame[0] + frame[1] + frame[2] + frame[3]) == frame[4];
}

void Dht::decode(Variant variant, const uint8_t frame[5], double* celsius, double* humidity) {
  if (variant == Variant::Dht11) {
    *humidity = frame[0] + frame[1] * 0.1;
    const double t = frame[2] + (frame[3] & 0x7F) * 0.1;
    *celsius = (frame[3] & 0x80) ? -t : t;
  } else {
    *humidity = (frame[0] << 8 | frame[1]) / 10.0;
    const double t = ((frame[2] & 0x7F) << 8 | frame[3]) / 10.0;
    *celsius = (frame[2] & 0x80) ? -t : t;
  }
}

PolledSensor::Result Dht::setup(uint64_t) {
  // The line idles high on its pull-up; whether a sensor is there shows at the first frame.
  return platform::gpioInput(pin_, platform::Pull::Up) ? done() : fail(ReadError::Bus);
}

PolledSensor::Result Dht::start(uint64_t) {
  if (!platform::gpioOutput(pin_)) return fail(ReadError::Bus);
  platform::gpioWrite(pin_, false);
  return waitMs(startMs(variant_));
}

PolledSensor::Result Dht::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t frame[5];
  const platform::BusResult r = platform::dhtReadFrame(pin_, frame);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!checksumOk(frame)) return fail(ReadError::Crc);
  double celsius = 0;
  double humidity = 0;
  decode(variant_, frame, &celsius, &humidity);
  // Measuring ranges: DHT11 0-50 degC (newer parts -20-60) and 5-95 %RH; DHT22 -40-80 degC and 0-100 %RH.
  const bool dht11 = variant_ == Variant::Dht11;
  if (celsius < (dht11 ? -20 : -40) || celsius > (dht11 ? 60 : 80) || humidity < 0 || humidity > 100) {
    return fail(ReadError::OutOfRange);
  }
  out.emit(0, celsius, takenMs);
  out.emit(1, humidity, takenMs);
  return done();
}

}  // namespace harbor
