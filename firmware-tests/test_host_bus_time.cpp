// The host's model of how long bus transactions hold a board's CPU, which the
// sensor end-to-end tests hold every driver's steps to (catalogue blockingMs).
#include "check.h"
#include "fake_platform.h"
#include "harbor/platform.h"
#include "host_models.h"

namespace {

class Answering : public harbor::host::I2cModel {
 public:
  harbor::platform::BusResult transfer(const uint8_t*, size_t, uint8_t* rx, size_t rxLength, uint64_t) override {
    for (size_t i = 0; i < rxLength; ++i) rx[i] = 0;
    return harbor::platform::BusResult::Ok;
  }
};

class Wire1 : public harbor::host::OneWireModel {
 public:
  bool reset(uint64_t) override { return true; }
  void writeBit(bool, uint64_t) override {}
  bool readBit(uint64_t) override { return true; }
};

}  // namespace

TEST_CASE("bus time: I2C bits at the bus clock, summed within one step, the longest step kept") {
  fake::reset();
  harbor::host::detachAllModels();
  Answering a;
  harbor::host::attachI2c(0, 0x76, &a);
  harbor::host::labelModel(&a, 0);
  harbor::platform::i2cBegin(0, 21, 22, 100000);
  uint8_t reg = 0xF7;
  uint8_t data[8];
  // Start + stop, address and register (18 bits), address and 8 bytes (81 bits): 101 bits at 100 kHz.
  CHECK(harbor::platform::i2cTransfer(0, 0x76, &reg, 1, data, 8) == harbor::platform::BusResult::Ok);
  CHECK_EQ(harbor::host::longestStepUs(0), 1010L);
  // A second transaction at the same virtual time is the same step.
  harbor::platform::i2cTransfer(0, 0x76, &reg, 1, 0, 0);
  CHECK_EQ(harbor::host::longestStepUs(0), 1010L + 200L);
  // A later step, shorter: the longest stays.
  fake::state().nowMs += 10;
  harbor::platform::i2cTransfer(0, 0x76, &reg, 1, 0, 0);
  CHECK_EQ(harbor::host::longestStepUs(0), 1210L);
  // At 400 kHz the same read takes a quarter.
  harbor::platform::i2cBegin(0, 21, 22, 400000);
  fake::state().nowMs += 10;
  Answering b;
  harbor::host::attachI2c(0, 0x77, &b);
  harbor::host::labelModel(&b, 1);
  harbor::platform::i2cTransfer(0, 0x77, &reg, 1, data, 8);
  CHECK_EQ(harbor::host::longestStepUs(1), 253L);
  CHECK_EQ(harbor::host::labelledSensors(), 2u);
}

TEST_CASE("bus time: a 1-Wire reset and 16 bit slots, charged to the pin's first device") {
  fake::reset();
  harbor::host::detachAllModels();
  Wire1 first;
  Wire1 second;
  harbor::host::attachOneWire(4, &first);
  harbor::host::attachOneWire(4, &second);
  harbor::host::labelModel(&first, 0);
  harbor::host::labelModel(&second, 0);
  CHECK(harbor::platform::oneWireReset(4));
  for (int i = 0; i < 8; ++i) harbor::platform::oneWireWriteBit(4, true);
  for (int i = 0; i < 8; ++i) harbor::platform::oneWireReadBit(4);
  CHECK_EQ(harbor::host::longestStepUs(0), 960L + 16 * 70L);
  CHECK_EQ(harbor::host::longestStepUs(5), -1L);
  harbor::host::detachAllModels();
}

namespace {

class Pin : public harbor::host::PinModel {
 public:
  uint32_t pulses(uint64_t) override { return 7; }
  bool millivolts(uint64_t, double* mv) override {
    *mv = 1000;
    return true;
  }
};

}  // namespace

TEST_CASE("bus time: a pulse count and a pin read are 1 us each, an ADC read 100 us") {
  fake::reset();
  harbor::host::detachAllModels();
  Pin pin;
  harbor::host::attachPin(25, &pin);
  harbor::host::labelModel(&pin, 0);
  CHECK(harbor::platform::pulseBegin(0, 25, harbor::platform::Pull::Up, harbor::platform::Edge::Falling, 5000));
  CHECK_EQ(harbor::platform::pulseCount(0), 7u);
  CHECK_EQ(harbor::host::longestStepUs(0), 1L);
  harbor::platform::gpioRead(25);
  CHECK_EQ(harbor::host::longestStepUs(0), 2L);
  double mv = 0;
  CHECK(harbor::platform::readAnalogMillivolts(25, &mv));
  CHECK_EQ(harbor::host::longestStepUs(0), 102L);
  harbor::host::detachAllModels();
}
