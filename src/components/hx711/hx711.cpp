#include "harbor/sensors/hx711.h"

#include <stdio.h>

#include "harbor/platform.h"

namespace harbor {
namespace hx711 {

double weight(int32_t raw, double tare, double scale) { return (raw - tare) / scale; }

uint8_t pulsesForGain(uint8_t gain) { return gain == 128 ? 25 : gain == 32 ? 26 : gain == 64 ? 27 : 0; }

}  // namespace hx711

namespace {

// At 10 samples a second a conversion is ready within 100 ms; 15 polls 10 ms
// apart give up on a chip that never pulls DOUT low (absent or powered down).
const uint8_t kMaxPolls = 15;
const uint32_t kPollMs = 10;

}  // namespace

Hx711::Hx711(int dout, int sck, double tare, double scale, uint8_t gain, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs),
      dout_(dout),
      sck_(sck),
      tare_(tare),
      scale_(scale == 0 ? 1 : scale),
      pulses_(hx711::pulsesForGain(gain) != 0 ? hx711::pulsesForGain(gain) : hx711::kGain128Pulses),
      settled_(false),
      polls_(0) {
  snprintf(name_, sizeof name_, "hx711 GPIO %d", dout);
}

PolledSensor::Result Hx711::setup(uint64_t) {
  if (!platform::gpioInput(dout_, platform::Pull::None) || !platform::gpioOutput(sck_)) return fail(ReadError::Bus);
  platform::gpioWrite(sck_, false);  // SCK high for over 60 us powers the chip down
  // Set up again after failures: it may have been powered off, back at gain 128.
  settled_ = pulses_ == hx711::kGain128Pulses;
  return done();
}

PolledSensor::Result Hx711::start(uint64_t) {
  polls_ = 0;
  return done();
}

PolledSensor::Result Hx711::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  if (platform::gpioRead(dout_) != 0) {
    if (++polls_ > kMaxPolls) return fail(ReadError::Timeout);
    return waitMs(kPollMs);
  }
  int32_t raw = 0;
  const platform::BusResult r = platform::hx711Read(dout_, sck_, pulses_, &raw);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  if (!settled_) {
    // That conversion was at the power-on gain; this read's pulses set ours for the next.
    settled_ = true;
    polls_ = 0;
    return waitMs(kPollMs);
  }
  // Saturated: the load is past the cell's range, or the bridge is disconnected.
  if (raw >= hx711::kMaxCode || raw <= hx711::kMinCode) return fail(ReadError::OutOfRange);
  out.emit(0, hx711::weight(raw, tare_, scale_), takenMs);
  return done();
}

}  // namespace harbor
