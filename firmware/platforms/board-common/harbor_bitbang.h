// The bit-banged buses of every board adapter: 1-Wire slots, the DHT11/DHT22
// frame and the HX711's clocked read. The timing is written once here; each
// adapter passes an `Io` of its own SDK (Arduino pins, or ESP-IDF's gpio with a
// spinlock), whose static members are:
//   void release(int pin)       let the pull-up raise the line (open drain)
//   void driveLow(int pin)      pull the line low
//   bool read(int pin)          the line's level
//   void write(int pin, bool)   drive a push-pull output (the HX711's clock)
//   void delayUs(uint32_t)      busy-wait, usable with interrupts off
//   uint32_t nowUs()            a microsecond clock, readable with interrupts off
//   class Quiet                 interrupts (and the scheduler) held off while it lives
// Interrupts are held off only for the part of each exchange whose timing the
// device checks (a 1-Wire slot up to its sample point, the DHT's 40 bits, each
// HX711 clock pulse); the rest runs with them on. Copied next to each adapter's
// source in lib/harbor_platform/src.
#pragma once

#include <stdint.h>

#include "harbor/platform.h"
#include "harbor_bus_logic.h"

namespace harbor {
namespace platform {
namespace bitbang {

// Microseconds until `pin` reads `level` (measured from the call), or -1 once
// more than `timeoutUs` have passed.
template <class Io>
inline int32_t waitForLevel(int pin, bool level, uint32_t timeoutUs) {
  const uint32_t startUs = Io::nowUs();
  for (;;) {
    const uint32_t elapsedUs = Io::nowUs() - startUs;
    if (Io::read(pin) == level) return static_cast<int32_t>(elapsedUs);
    if (elapsedUs > timeoutUs) return -1;
  }
}

// ---------------------------------------------------------------- 1-Wire
// Standard-speed slots as Maxim's application note 126 and PaulStoffregen's
// OneWire library time them.
const uint32_t kOneWireIdleWaitUs = 250;   // a line still low by then is shorted or lacks its pull-up
const uint32_t kOneWireResetLowUs = 480;
const uint32_t kOneWirePresenceSampleUs = 70;
const uint32_t kOneWireResetRecoveryUs = 410;
const uint32_t kOneWireWrite1LowUs = 10;
const uint32_t kOneWireWrite1RecoveryUs = 55;
const uint32_t kOneWireWrite0LowUs = 65;
const uint32_t kOneWireWrite0RecoveryUs = 5;
const uint32_t kOneWireReadLowUs = 3;
const uint32_t kOneWireReadSampleUs = 10;  // after release: 13 us into the slot, inside the 15 us a device holds a 0
const uint32_t kOneWireReadRecoveryUs = 53;

template <class Io>
bool oneWireReset(int pin) {
  Io::release(pin);
  if (waitForLevel<Io>(pin, true, kOneWireIdleWaitUs) < 0) return false;
  Io::driveLow(pin);
  Io::delayUs(kOneWireResetLowUs);  // a longer low (an interrupt) is still a reset
  bool present;
  {
    typename Io::Quiet quiet;
    Io::release(pin);
    Io::delayUs(kOneWirePresenceSampleUs);
    present = !Io::read(pin);
  }
  Io::delayUs(kOneWireResetRecoveryUs);
  return present;
}

template <class Io>
void oneWireWriteBit(int pin, bool bit) {
  {
    typename Io::Quiet quiet;
    Io::driveLow(pin);
    Io::delayUs(bit ? kOneWireWrite1LowUs : kOneWireWrite0LowUs);
    Io::release(pin);
  }
  Io::delayUs(bit ? kOneWireWrite1RecoveryUs : kOneWireWrite0RecoveryUs);
}

template <class Io>
bool oneWireReadBit(int pin) {
  bool bit;
  {
    typename Io::Quiet quiet;
    Io::driveLow(pin);
    Io::delayUs(kOneWireReadLowUs);
    Io::release(pin);
    Io::delayUs(kOneWireReadSampleUs);
    bit = Io::read(pin);
  }
  Io::delayUs(kOneWireReadRecoveryUs);
  return bit;
}

// ---------------------------------------------------------------- DHT11/DHT22
// After the start signal the sensor answers 20-40 us after the line is
// released with 80 us low and 80 us high, then sends 40 bits of 50 us low and
// 27 or 70 us high. Any phase beyond kDhtPhaseTimeoutUs is a lost frame.
const uint32_t kDhtAnswerTimeoutUs = 200;
const uint32_t kDhtPhaseTimeoutUs = 150;

// platform::dhtReadFrame() once the caller has released the line (an input
// with its pull-up: the adapter knows how). Holds interrupts off for the ~5 ms
// of the frame; the bits are decoded after.
template <class Io>
BusResult dhtReadFrame(int pin, uint8_t frame[5]) {
  uint8_t lowUs[bus::kDhtBits];
  uint8_t highUs[bus::kDhtBits];
  {
    typename Io::Quiet quiet;
    // Nobody answered: a timeout, as the host's DHT models report an absent sensor.
    if (waitForLevel<Io>(pin, false, kDhtAnswerTimeoutUs) < 0) return BusResult::Timeout;
    // The answer's low and high, then the line falls for the first bit.
    if (waitForLevel<Io>(pin, true, kDhtPhaseTimeoutUs) < 0) return BusResult::Timeout;
    if (waitForLevel<Io>(pin, false, kDhtPhaseTimeoutUs) < 0) return BusResult::Timeout;
    for (int i = 0; i < bus::kDhtBits; ++i) {
      const int32_t low = waitForLevel<Io>(pin, true, kDhtPhaseTimeoutUs);
      const int32_t high = waitForLevel<Io>(pin, false, kDhtPhaseTimeoutUs);
      // The last bit's high ends when the sensor pulls low for 50 us and lets go: that is the fall seen.
      if (low < 0 || high < 0) return BusResult::Timeout;
      lowUs[i] = static_cast<uint8_t>(low);
      highUs[i] = static_cast<uint8_t>(high);
    }
  }
  bus::dhtDecode(lowUs, highUs, frame);
  return BusResult::Ok;
}

// ---------------------------------------------------------------- HX711
// 24 data pulses on SCK, MSB first (DOUT is valid 0.1 us after each rising
// edge), then 1-3 more that pick the next conversion's channel and gain. SCK
// high for more than 60 us powers the chip down, so only each high phase has
// interrupts held off (as bogde/HX711 does on FreeRTOS).
const uint32_t kHx711HalfPeriodUs = 1;

template <class Io>
inline bool hx711Pulse(int dout, int sck) {
  bool bit;
  {
    typename Io::Quiet quiet;
    Io::write(sck, true);
    Io::delayUs(kHx711HalfPeriodUs);
    bit = Io::read(dout);
    Io::write(sck, false);
  }
  Io::delayUs(kHx711HalfPeriodUs);
  return bit;
}

template <class Io>
BusResult hx711Read(int dout, int sck, uint8_t gainPulses, int32_t* raw) {
  if (gainPulses < 25 || gainPulses > 27) return BusResult::Error;
  if (Io::read(dout)) return BusResult::Timeout;  // no conversion ready
  uint32_t value = 0;
  for (int i = 0; i < 24; ++i) value = (value << 1) | (hx711Pulse<Io>(dout, sck) ? 1u : 0u);
  for (int i = 24; i < gainPulses; ++i) hx711Pulse<Io>(dout, sck);
  *raw = bus::hx711Signed(value);
  return BusResult::Ok;
}

}  // namespace bitbang
}  // namespace platform
}  // namespace harbor
