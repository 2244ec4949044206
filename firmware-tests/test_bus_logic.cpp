// The SDK-free arithmetic of the board adapters' sensor buses
// (board-common/harbor_bus_logic.h, arduino-common/harbor_rp2040_pins.h).
#include <stdint.h>

#include "check.h"
#include "harbor_bus_logic.h"
#include "harbor_rp2040_pins.h"

using harbor::platform::Edge;
namespace bus = harbor::platform::bus;
namespace rp2040 = harbor::platform::rp2040;

TEST_CASE("bus: a DHT bit is 1 when its high outlasts its low, whatever the clock's offset") {
  // 0x02 0x8C 0x01 0x5F 0xEE: 65.2 %RH, 35.1 degC and its checksum, as a DHT22 sends it.
  const uint8_t sent[5] = {0x02, 0x8C, 0x01, 0x5F, 0xEE};
  uint8_t low[bus::kDhtBits];
  uint8_t high[bus::kDhtBits];
  for (int offset = -15; offset <= 15; offset += 15) {  // a slow or fast counter shifts every phase alike
    for (int i = 0; i < bus::kDhtBits; ++i) {
      const bool one = (sent[i / 8] >> (7 - i % 8)) & 1;
      low[i] = static_cast<uint8_t>(50 + offset);
      high[i] = static_cast<uint8_t>((one ? 70 : 27) + offset);
    }
    uint8_t frame[5] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    bus::dhtDecode(low, high, frame);
    for (int i = 0; i < 5; ++i) CHECK_EQ(frame[i], sent[i]);
  }
}

TEST_CASE("bus: HX711 readings are 24-bit two's complement") {
  CHECK_EQ(bus::hx711Signed(0x000000u), 0);
  CHECK_EQ(bus::hx711Signed(0x000001u), 1);
  CHECK_EQ(bus::hx711Signed(0x7FFFFFu), 8388607);
  CHECK_EQ(bus::hx711Signed(0x800000u), -8388608);
  CHECK_EQ(bus::hx711Signed(0xFFFFFFu), -1);
  CHECK_EQ(bus::hx711Signed(0xFF123456u), bus::hx711Signed(0x123456u));  // only 24 bits count
}

TEST_CASE("bus: the edge filter counts the edge wanted once the line was steady") {
  bus::EdgeFilter filter = {0, false};
  const uint32_t debounce = 5000;
  // A contact closing (falling) at 1 s and bouncing for 2 ms, opening at 1.1 s and bouncing again.
  CHECK(bus::edgeCounts(filter, 1000000, false, Edge::Falling, debounce));
  CHECK(!bus::edgeCounts(filter, 1000300, true, Edge::Falling, debounce));
  CHECK(!bus::edgeCounts(filter, 1000600, false, Edge::Falling, debounce));
  CHECK(!bus::edgeCounts(filter, 1002000, true, Edge::Falling, debounce));
  CHECK(!bus::edgeCounts(filter, 1002100, false, Edge::Falling, debounce));
  CHECK(!bus::edgeCounts(filter, 1100000, true, Edge::Falling, debounce));   // opening: not the edge wanted
  CHECK(!bus::edgeCounts(filter, 1100400, false, Edge::Falling, debounce));  // its bounce: too soon
  CHECK(!bus::edgeCounts(filter, 1100800, true, Edge::Falling, debounce));
  CHECK(bus::edgeCounts(filter, 1200000, false, Edge::Falling, debounce));   // the next closing counts
  // Rising and both.
  bus::EdgeFilter both = {0, false};
  CHECK(bus::edgeCounts(both, 10, true, Edge::Both, 0));
  CHECK(bus::edgeCounts(both, 11, false, Edge::Both, 0));
  CHECK(!bus::edgeCounts(both, 12, false, Edge::Rising, 0));
  CHECK(bus::edgeCounts(both, 13, true, Edge::Rising, 0));
}

TEST_CASE("bus: the edge filter survives the 71-minute wrap of the microsecond clock") {
  bus::EdgeFilter filter = {0, false};
  const uint32_t debounce = 10000;
  CHECK(bus::edgeCounts(filter, 1000, false, Edge::Falling, debounce));
  // pulseCount() ages it at least every half hour: after 40 minutes the change is forgotten...
  bus::edgeFilterAge(filter, 1000 + 20u * 60 * 1000000);
  CHECK(filter.seen);
  bus::edgeFilterAge(filter, 1000 + 40u * 60 * 1000000);
  CHECK(!filter.seen);
  // ...so an edge 2^32 us + 5 ms later, which would look 5 ms old, still counts.
  CHECK(bus::edgeCounts(filter, 1000 + 5000, false, Edge::Falling, debounce));
}

TEST_CASE("bus: a two-part count never steps back and wraps at 2^32") {
  uint32_t last = 0;
  CHECK_EQ(bus::monotonicCount(&last, 100), 100u);
  CHECK_EQ(bus::monotonicCount(&last, 100 + 32767), 32867u);
  // The hardware counter wrapped, its overflow not yet added: the sum reads 32767 low for a moment.
  CHECK_EQ(bus::monotonicCount(&last, 100 + 32767 - 32767 + 5), 32867u);
  CHECK_EQ(bus::monotonicCount(&last, 32867 + 5), 32872u);
  last = 0xFFFFFFF0u;
  CHECK_EQ(bus::monotonicCount(&last, 0x10u), 0x10u);  // wrapping forward is forward
}

TEST_CASE("bus: the echo timer measures the pulse and gives up on a silent or stuck echo") {
  bus::EchoTimer timer = {bus::EchoTimer::Idle, 0, 0, 0};
  uint32_t width = 0;
  CHECK_EQ(bus::echoResult(timer, 0, 30000, &width), -1);  // never triggered
  bus::echoArm(timer, 1000);
  bus::echoEdge(timer, false, 1100);  // a falling edge before any rise is noise
  CHECK_EQ(bus::echoResult(timer, 1200, 30000, &width), 0);
  bus::echoEdge(timer, true, 1450);
  CHECK_EQ(bus::echoResult(timer, 2000, 30000, &width), 0);
  bus::echoEdge(timer, false, 1450 + 5831);  // about 1 m away
  CHECK_EQ(bus::echoResult(timer, 9000, 30000, &width), 1);
  CHECK_EQ(width, 5831u);
  bus::echoEdge(timer, true, 9500);  // edges after the end are not this echo's
  CHECK_EQ(bus::echoResult(timer, 9600, 30000, &width), 1);
  CHECK_EQ(width, 5831u);
  // No echo within the timeout.
  bus::echoArm(timer, 0xFFFFF000u);  // and across the clock's wrap
  CHECK_EQ(bus::echoResult(timer, 0xFFFFF000u + 30000, 30000, &width), 0);
  CHECK_EQ(bus::echoResult(timer, 0xFFFFF000u + 30001, 30000, &width), -1);
  // An echo that never ends: nothing in range, or a line stuck high.
  bus::echoArm(timer, 0);
  bus::echoEdge(timer, true, 500);
  CHECK_EQ(bus::echoResult(timer, 500 + 30000, 30000, &width), 0);
  CHECK_EQ(bus::echoResult(timer, 500 + 30001, 30000, &width), -1);
}

TEST_CASE("bus: RP2040 pins pick their I2C and UART controller") {
  CHECK_EQ(rp2040::i2cController(4, 5), 0);    // the Pico W's Wire default
  CHECK_EQ(rp2040::i2cController(26, 27), 1);  // and Wire1's
  CHECK_EQ(rp2040::i2cController(0, 13), 0);   // any SDA with any SCL of the same controller
  CHECK_EQ(rp2040::i2cController(2, 7), 1);
  CHECK_EQ(rp2040::i2cController(4, 7), -1);   // SDA of I2C0, SCL of I2C1
  CHECK_EQ(rp2040::i2cController(5, 4), -1);   // swapped
  CHECK_EQ(rp2040::i2cController(28, 29), 0);
  CHECK_EQ(rp2040::i2cController(30, 31), -1);  // not a GPIO of the RP2040
  CHECK_EQ(rp2040::i2cController(-1, 5), -1);
  CHECK_EQ(rp2040::uartController(1, 0), 0);    // Serial1's default: RX 1, TX 0
  CHECK_EQ(rp2040::uartController(9, 8), 1);    // Serial2's
  CHECK_EQ(rp2040::uartController(17, 12), 0);  // RX and TX from different pairs of one controller
  CHECK_EQ(rp2040::uartController(29, 28), 0);
  CHECK_EQ(rp2040::uartController(21, 24), 1);
  CHECK_EQ(rp2040::uartController(5, 0), -1);   // RX of UART1, TX of UART0
  CHECK_EQ(rp2040::uartController(0, 1), -1);   // swapped
  CHECK_EQ(rp2040::uartController(3, 2), -1);   // I2C pins, no UART there
}

TEST_CASE("bus: echo slots are found by echo pin, claimed once, and run out") {
  bus::EchoPins pins;
  bool fresh = false;
  CHECK(pins.find(5) == nullptr);
  bus::EchoPin* first = pins.claim(4, 5, &fresh);
  CHECK(first != nullptr);
  CHECK(fresh);
  CHECK(pins.find(5) == first);
  CHECK(pins.sensor(4, 5) == first);
  CHECK(pins.sensor(6, 5) == nullptr);           // another trigger
  CHECK(pins.claim(4, 5, &fresh) == first);      // begun again by the same sensor: fine, nothing to set up
  CHECK(!fresh);
  CHECK(pins.claim(7, 5, &fresh) == nullptr);    // the echo pin is another sensor's
  CHECK(pins.claim(10, 11, &fresh) != nullptr);
  CHECK(pins.claim(12, 13, &fresh) != nullptr);
  bus::EchoPin* last = pins.claim(14, 15, &fresh);
  CHECK(last != nullptr);
  CHECK(pins.claim(16, 17, &fresh) == nullptr);  // every slot taken
  pins.release(last);                            // its set-up failed: the slot is free again
  CHECK(pins.find(15) == nullptr);
  CHECK(pins.claim(16, 17, &fresh) == last);
  CHECK(pins.find(-1) == nullptr);               // free slots are not a sensor
}

TEST_CASE("bus: an interrupt pulse unit counts what its edge and debounce let through") {
  bus::PulseUnit unit = {};
  bus::pulseUnitStart(unit, 12, Edge::Rising, 2000);
  CHECK(bus::pulseUnitMatches(unit, 12, Edge::Rising));
  CHECK(!bus::pulseUnitMatches(unit, 12, Edge::Falling));
  CHECK(!bus::pulseUnitMatches(unit, 13, Edge::Rising));
  bus::pulseChange(unit, 1000, true);
  bus::pulseChange(unit, 1500, false);  // bounce
  bus::pulseChange(unit, 1600, true);
  bus::pulseChange(unit, 50000, false);
  bus::pulseChange(unit, 90000, true);
  CHECK_EQ(bus::pulseUnitRead(unit, 100000), 2u);
  bus::pulseEdge(unit);  // without a debounce every edge the interrupt sees counts
  CHECK_EQ(bus::pulseUnitRead(unit, 100001), 3u);
  bus::pulseUnitStart(unit, 12, Edge::Rising, 2000);  // started again: from zero
  CHECK_EQ(bus::pulseUnitRead(unit, 100002), 0u);
}
