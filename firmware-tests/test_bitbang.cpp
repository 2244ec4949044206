// The bit-banged buses of board-common/harbor_bitbang.h, run against simulated
// devices on a virtual microsecond clock: a DS18B20-like 1-Wire slave, a DHT22
// and an HX711. Checks the timing each device relies on and that interrupts are
// off exactly for the timed part.
#include <stdint.h>

#include "check.h"
#include "harbor_bitbang.h"

using harbor::platform::BusResult;
namespace bitbang = harbor::platform::bitbang;

namespace {

// One open-drain line (1-Wire, DHT) or a DOUT/SCK pair (HX711) and the device on it.
struct Sim {
  uint32_t now;
  int quiet;             // Quiet sections open
  bool masterLow;        // the master pulls the line low
  uint32_t masterLowSince;
  bool (*deviceLow)(uint32_t now);  // the device pulls the line low
  bool readsOutsideQuiet;   // any read of the line with interrupts on (the DHT takes none)
  bool awaitingSample;      // the master let go of the line: its next read samples the slot
  bool sampleOutsideQuiet;  // a 1-Wire slot sampled with interrupts on

  // 1-Wire slave
  bool present;
  uint32_t presenceFrom;   // the presence pulse: 15 us after the reset's end, for 120 us
  uint32_t presenceUntil;
  uint32_t holdLowUntil;   // a 0 sent in a read slot
  uint64_t sendBits;  // what the slave answers read slots with, LSB first
  int sendIndex;
  uint64_t receivedBits;
  int receivedCount;

  // HX711
  uint32_t hxValue;
  int pulses;
  bool sck;
  uint32_t sckHighSince;
  uint32_t longestHighUs;
  bool highOutsideQuiet;
};

Sim sim;

void reset() {
  Sim fresh = {};
  sim = fresh;
}

bool lineLevel() { return !(sim.masterLow || (sim.deviceLow != nullptr && sim.deviceLow(sim.now))); }

struct FakeIo {
  class Quiet {
   public:
    Quiet() { ++sim.quiet; }
    ~Quiet() { --sim.quiet; }
  };
  static void release(int) {
    if (sim.masterLow) {
      const uint32_t lowUs = sim.now - sim.masterLowSince;
      sim.masterLow = false;
      sim.awaitingSample = true;
      if (sim.present) {
        // The 1-Wire slave decodes what the master just did.
        if (lowUs >= 480) {
          sim.presenceFrom = sim.now + 15;
          sim.presenceUntil = sim.now + 15 + 120;
        } else if (lowUs >= 15) {
          ++sim.receivedCount;  // held low past the slave's sample point: a 0
        } else {
          // A 1 written, or a read slot: the slave sends its next bit, a 0 held to 30 us.
          sim.receivedBits |= 1ULL << sim.receivedCount++;
          const bool bit = (sim.sendBits >> sim.sendIndex++) & 1;
          if (!bit) sim.holdLowUntil = sim.masterLowSince + 30;
        }
      }
    }
  }
  static void driveLow(int) {
    if (!sim.masterLow) sim.masterLowSince = sim.now;
    sim.masterLow = true;
  }
  static bool read(int pin) {
    if (sim.quiet == 0 && pin == 1) sim.readsOutsideQuiet = true;
    if (sim.awaitingSample && pin == 1) {
      if (sim.quiet == 0) sim.sampleOutsideQuiet = true;
      sim.awaitingSample = false;
    }
    if (pin == 2) return hxDout();
    return lineLevel();
  }
  static void write(int, bool level) {  // the HX711's SCK
    if (level && !sim.sck) {
      sim.sckHighSince = sim.now;
      if (sim.quiet == 0) sim.highOutsideQuiet = true;
      ++sim.pulses;
    } else if (!level && sim.sck) {
      const uint32_t high = sim.now - sim.sckHighSince;
      if (high > sim.longestHighUs) sim.longestHighUs = high;
    }
    sim.sck = level;
  }
  static void delayUs(uint32_t us) { sim.now += us; }
  static uint32_t nowUs() { return sim.now++; }  // each look at the clock costs a microsecond
  static bool hxDout() {
    if (sim.pulses == 0) return false;  // a conversion is ready
    if (sim.pulses > 24) return true;
    return (sim.hxValue >> (24 - sim.pulses)) & 1;  // bit 23 after the first rising edge
  }
};

bool oneWireSlaveLow(uint32_t now) {
  return (now >= sim.presenceFrom && now < sim.presenceUntil) || now < sim.holdLowUntil;
}

// A DHT22 that answers a release at t=0 with 0x02 0x8C 0x01 0x5F 0xEE. After
// `cutAfterBits` bits it holds the line low for good.
const uint8_t kDhtFrame[5] = {0x02, 0x8C, 0x01, 0x5F, 0xEE};
int gDhtCutAfterBits = 99;

bool dhtLow(uint32_t now) {
  if (now < 30) return false;
  if (now < 110) return true;   // the answer's 80 us low
  if (now < 190) return false;  // and its 80 us high
  uint32_t t = 190;
  for (int i = 0; i < 40; ++i) {
    if (i == gDhtCutAfterBits) return true;
    if (now < t + 50) return true;
    const bool one = (kDhtFrame[i / 8] >> (7 - i % 8)) & 1;
    t += 50 + (one ? 70 : 27);
    if (now < t) return false;
  }
  return now < t + 50;  // the closing low, then the pull-up
}

bool silent(uint32_t) { return false; }

}  // namespace

TEST_CASE("1-Wire: a reset finds the device by its presence pulse, or nobody") {
  reset();
  sim.present = true;
  sim.deviceLow = oneWireSlaveLow;
  CHECK(bitbang::oneWireReset<FakeIo>(1));
  CHECK(!sim.sampleOutsideQuiet);
  CHECK_EQ(sim.quiet, 0);
  reset();
  sim.deviceLow = silent;
  CHECK(!bitbang::oneWireReset<FakeIo>(1));
}

TEST_CASE("1-Wire: a line held low (short, or no pull-up) fails the reset without waiting for it") {
  reset();
  sim.masterLow = false;
  sim.deviceLow = [](uint32_t) { return true; };
  CHECK(!bitbang::oneWireReset<FakeIo>(1));
  CHECK(sim.now < 1000);
}

TEST_CASE("1-Wire: bits written arrive as the device samples them; bits read are the device's") {
  reset();
  sim.present = true;
  sim.deviceLow = oneWireSlaveLow;
  CHECK(bitbang::oneWireReset<FakeIo>(1));
  const uint8_t command = 0xBE;  // Read Scratchpad, LSB first on the wire
  for (int i = 0; i < 8; ++i) bitbang::oneWireWriteBit<FakeIo>(1, (command >> i) & 1);
  CHECK_EQ(static_cast<unsigned>(sim.receivedBits & 0xFF), static_cast<unsigned>(command));
  sim.sendBits = 0x5A;
  sim.sendIndex = 0;
  uint8_t got = 0;
  const uint32_t started = sim.now;
  for (int i = 0; i < 8; ++i) got |= static_cast<uint8_t>((bitbang::oneWireReadBit<FakeIo>(1) ? 1 : 0) << i);
  CHECK_EQ(static_cast<unsigned>(got), 0x5Au);
  CHECK(!sim.sampleOutsideQuiet);
  // Standard speed: a slot of 60-120 us each.
  CHECK((sim.now - started) / 8 >= 60);
  CHECK((sim.now - started) / 8 <= 120);
}

TEST_CASE("DHT: the 40 bits of a frame, read with interrupts off for about 5 ms") {
  reset();
  gDhtCutAfterBits = 99;
  sim.deviceLow = dhtLow;
  uint8_t frame[5] = {0, 0, 0, 0, 0};
  CHECK(bitbang::dhtReadFrame<FakeIo>(1, frame) == BusResult::Ok);
  for (int i = 0; i < 5; ++i) CHECK_EQ(frame[i], kDhtFrame[i]);
  CHECK(!sim.readsOutsideQuiet);
  CHECK_EQ(sim.quiet, 0);
  CHECK(sim.now < 6000);
}

TEST_CASE("DHT: no answer and a frame cut short are timeouts") {
  reset();
  sim.deviceLow = silent;
  uint8_t frame[5] = {0, 0, 0, 0, 0};
  CHECK(bitbang::dhtReadFrame<FakeIo>(1, frame) == BusResult::Timeout);
  CHECK(sim.now < 1000);
  reset();
  gDhtCutAfterBits = 17;
  sim.deviceLow = dhtLow;
  CHECK(bitbang::dhtReadFrame<FakeIo>(1, frame) == BusResult::Timeout);
  CHECK_EQ(sim.quiet, 0);
  gDhtCutAfterBits = 99;
}

TEST_CASE("HX711: 24 bits MSB first, sign-extended, then the pulses that pick the next gain") {
  const uint32_t values[] = {0x000001u, 0x7FFFFFu, 0x800000u, 0xFFFFFFu, 0x123456u};
  const int32_t expected[] = {1, 8388607, -8388608, -1, 0x123456};
  for (int i = 0; i < 5; ++i) {
    for (uint8_t gain = 25; gain <= 27; ++gain) {
      CHECK_CONTEXT("value " + check::show(values[i]) + ", " + check::show(static_cast<int>(gain)) + " pulses");
      reset();
      sim.hxValue = values[i];
      int32_t raw = 0;
      CHECK(bitbang::hx711Read<FakeIo>(2, 3, gain, &raw) == BusResult::Ok);
      CHECK_EQ(raw, expected[i]);
      CHECK_EQ(sim.pulses, static_cast<int>(gain));
      CHECK(!sim.sck);
      // SCK high for 60 us powers the chip down; each high phase has interrupts off.
      CHECK(sim.longestHighUs < 60);
      CHECK(!sim.highOutsideQuiet);
    }
  }
}

TEST_CASE("HX711: no conversion ready, or a gain it does not have, clocks nothing") {
  reset();
  sim.pulses = 30;  // DOUT high: still converting
  int32_t raw = 7;
  CHECK(bitbang::hx711Read<FakeIo>(2, 3, 25, &raw) == BusResult::Timeout);
  CHECK_EQ(sim.pulses, 30);
  reset();
  CHECK(bitbang::hx711Read<FakeIo>(2, 3, 24, &raw) == BusResult::Error);
  CHECK(bitbang::hx711Read<FakeIo>(2, 3, 28, &raw) == BusResult::Error);
  CHECK_EQ(sim.pulses, 0);
  CHECK_EQ(raw, 7);
}
