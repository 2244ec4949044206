// The arithmetic and bookkeeping behind the sensor buses of every board
// adapter, kept free of any SDK so firmware-tests/ checks it on the host: the
// DHT frame decoder, the HX711's 24-bit sign, the interrupt pulse counters and
// their edge filter, the ultrasonic rangers' echo timer and pin slots, and a
// counter that never steps back.
// Copied next to each adapter's source in lib/harbor_platform/src.
//
// Functions an interrupt handler calls are forced inline: on the ESP8266 a
// handler must run from IRAM, and an out-of-line copy would sit in flash.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/platform.h"

#define HARBOR_BUS_INLINE inline __attribute__((always_inline))

namespace harbor {
namespace platform {
namespace bus {

// ---------------------------------------------------------------- DHT11/DHT22
const int kDhtBits = 40;

// The 40 bits of a DHT frame from the width of each bit's low and high phase
// (microseconds, as measured). A bit is a 50 us low and then a high of about
// 27 us for 0 or 70 us for 1: comparing the two phases of the same bit, as
// Adafruit's DHT library does, holds whatever the clock's offset. MSB first.
inline void dhtDecode(const uint8_t lowUs[kDhtBits], const uint8_t highUs[kDhtBits], uint8_t frame[5]) {
  for (int i = 0; i < 5; ++i) frame[i] = 0;
  for (int i = 0; i < kDhtBits; ++i) {
    frame[i / 8] = static_cast<uint8_t>(frame[i / 8] << 1);
    if (highUs[i] > lowUs[i]) frame[i / 8] |= 1;
  }
}

// ---------------------------------------------------------------- HX711
// The HX711 shifts out 24 bits of two's complement, MSB first.
inline int32_t hx711Signed(uint32_t raw24) {
  raw24 &= 0xFFFFFFu;
  return (raw24 & 0x800000u) != 0 ? static_cast<int32_t>(raw24) - 0x1000000 : static_cast<int32_t>(raw24);
}

// ---------------------------------------------------------------- pulse counters
// The software debounce of an interrupt-driven counter. The interrupt fires on
// every change of the line; an edge counts when it is of the kind wanted and
// the line had been steady for `debounceUs` before it. Measuring from the last
// change of either kind, not the last counted edge, is what keeps a contact's
// bounce when it opens from counting as a new pulse.
struct EdgeFilter {
  uint32_t lastChangeUs;
  bool seen;  // lastChangeUs holds a change
};

inline bool edgeWanted(Edge wanted, bool rising) {
  return wanted == Edge::Both || (wanted == Edge::Rising) == rising;
}

// A change of the line at `nowUs` to `level`: true when it counts.
HARBOR_BUS_INLINE bool edgeCounts(EdgeFilter& filter, uint32_t nowUs, bool level, Edge wanted,
                                  uint32_t debounceUs) {
  const bool steady = !filter.seen || nowUs - filter.lastChangeUs >= debounceUs;
  filter.lastChangeUs = nowUs;
  filter.seen = true;
  return steady && edgeWanted(wanted, level);
}

// The microsecond clock wraps after 71 minutes, when a long-past change would
// look recent again. Called with the interrupt held off, at least every half
// hour (each pulseCount() call): forgets a change older than half the range.
inline void edgeFilterAge(EdgeFilter& filter, uint32_t nowUs) {
  if (filter.seen && nowUs - filter.lastChangeUs >= 0x80000000u) filter.seen = false;
}

// Pulse units as platform::pulseBegin() numbers them, counted by the chip's
// hardware (the ESP32's PCNT) or by an interrupt on the pin.
const uint8_t kPulseUnits = 4;

struct PulseUnit {
  bool begun;
  bool hardware;  // counted by the PCNT: the fields below are unused
  int pin;
  Edge edge;
  uint32_t debounceUs;
  volatile uint32_t count;
  EdgeFilter filter;
};

// pulseBegin() of a unit begun already: fine for the same pin and edge.
inline bool pulseUnitMatches(const PulseUnit& unit, int pin, Edge edge) { return unit.pin == pin && unit.edge == edge; }

// Before the interrupt is attached.
inline void pulseUnitStart(PulseUnit& unit, int pin, Edge edge, uint32_t debounceUs) {
  unit.pin = pin;
  unit.edge = edge;
  unit.debounceUs = debounceUs;
  unit.count = 0;
  unit.filter.seen = false;
}

// From the interrupt: without a debounce it fires on the edges wanted, each of
// which counts; with one it fires on every change and the filter decides.
HARBOR_BUS_INLINE void pulseEdge(PulseUnit& unit) { unit.count = unit.count + 1; }
HARBOR_BUS_INLINE void pulseChange(PulseUnit& unit, uint32_t nowUs, bool level) {
  if (edgeCounts(unit.filter, nowUs, level, unit.edge, unit.debounceUs)) unit.count = unit.count + 1;
}

// pulseCount() of an interrupt-counted unit, with the interrupt held off.
inline uint32_t pulseUnitRead(PulseUnit& unit, uint32_t nowUs) {
  edgeFilterAge(unit.filter, nowUs);
  return unit.count;
}

// Makes a 32-bit count that is read in two parts (an overflow total kept by
// an interrupt, plus the hardware counter) never step back: when the counter
// has wrapped and its interrupt has not run yet, the sum reads low for a
// moment, and the last value stands until it catches up. Wraps at 2^32 like
// pulseCount().
inline uint32_t monotonicCount(uint32_t* last, uint32_t candidate) {
  if (static_cast<int32_t>(candidate - *last) >= 0) *last = candidate;
  return *last;
}

// ---------------------------------------------------------------- ultrasonic echo
// The width of an echo pulse, timed by the interrupt on its pin: armed by the
// trigger, the rising edge starts it and the falling edge ends it. Written by
// the interrupt and read by echoPoll() on the same core; each field is written
// before the phase that makes it readable.
struct EchoTimer {
  enum Phase : uint8_t { Idle, Armed, High, Done };
  volatile uint8_t phase;
  volatile uint32_t triggerUs;
  volatile uint32_t riseUs;
  volatile uint32_t fallUs;
};

inline void echoArm(EchoTimer& timer, uint32_t nowUs) {
  timer.phase = EchoTimer::Idle;  // the interrupt ignores the line until the new start time is in
  timer.triggerUs = nowUs;
  timer.phase = EchoTimer::Armed;
}

// From the interrupt: the echo line changed to `level` at `nowUs`.
HARBOR_BUS_INLINE void echoEdge(EchoTimer& timer, bool level, uint32_t nowUs) {
  if (level && timer.phase == EchoTimer::Armed) {
    timer.riseUs = nowUs;
    timer.phase = EchoTimer::High;
  } else if (!level && timer.phase == EchoTimer::High) {
    timer.fallUs = nowUs;
    timer.phase = EchoTimer::Done;
  }
}

// platform::echoPoll(): 1 with the width once the echo has ended, 0 while it
// is due or under way, -1 when none started within `timeoutUs` of the trigger
// or it lasted longer than `timeoutUs` (nothing in range; a sensor whose line
// stuck high).
inline int echoResult(const EchoTimer& timer, uint32_t nowUs, uint32_t timeoutUs, uint32_t* highUs) {
  switch (timer.phase) {
    case EchoTimer::Done:
      *highUs = timer.fallUs - timer.riseUs;
      return 1;
    case EchoTimer::High:
      return nowUs - timer.riseUs > timeoutUs ? -1 : 0;
    case EchoTimer::Armed:
      return nowUs - timer.triggerUs > timeoutUs ? -1 : 0;
    default:
      return -1;  // never triggered
  }
}

// The ultrasonic sensors' pins and echo timers, found by echo pin as
// platform::echoPoll() names them.
struct EchoPin {
  int trigger;
  int echo;  // -1: a free slot
  EchoTimer timer;
};

class EchoPins {
 public:
  static const uint8_t kSlots = 4;

  EchoPins() {
    for (EchoPin& pin : pins_) {
      pin.trigger = -1;
      pin.echo = -1;
      pin.timer.phase = EchoTimer::Idle;
    }
  }

  // The sensor whose echo is on `echo`, or null.
  EchoPin* find(int echo) {
    for (EchoPin& pin : pins_) {
      if (echo >= 0 && pin.echo == echo) return &pin;
    }
    return nullptr;
  }

  // For echoBegin(): the slot these pins have already (*fresh false), or a free
  // one now theirs, its timer idle (*fresh true: the pins and the interrupt
  // are the caller's to set up, or release() on failure). Null when the echo
  // pin is another sensor's or every slot is taken.
  EchoPin* claim(int trigger, int echo, bool* fresh) {
    EchoPin* pin = find(echo);
    *fresh = pin == nullptr;
    if (pin != nullptr) return pin->trigger == trigger ? pin : nullptr;
    for (EchoPin& free : pins_) {
      if (free.echo >= 0) continue;
      free.trigger = trigger;
      free.timer.phase = EchoTimer::Idle;
      free.echo = echo;  // last: an interrupt handler finds the slot by it
      return &free;
    }
    return nullptr;
  }

  void release(EchoPin* pin) { pin->echo = -1; }

  // For echoTrigger(): the sensor on these pins, or null.
  EchoPin* sensor(int trigger, int echo) {
    EchoPin* pin = find(echo);
    return pin != nullptr && pin->trigger == trigger ? pin : nullptr;
  }

 private:
  EchoPin pins_[kSlots];
};

}  // namespace bus
}  // namespace platform
}  // namespace harbor
