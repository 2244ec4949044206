// The sensor buses of harbor/platform.h on the host: each call goes to the
// device models attached to that bus address, pin or port (host_models.h),
// through their fault injection. With no model attached, the bus behaves like
// an empty bus on a board: NACKs, no presence pulse, no bytes, a pulled-up pin.
#include <math.h>
#include <string.h>

#include <map>
#include <utility>
#include <vector>

#include "harbor/platform.h"
#include "host_models.h"
#include "host_state.h"

namespace harbor {
namespace host {

namespace {

std::map<std::pair<uint8_t, uint8_t>, I2cModel*>& i2cModels() {
  static std::map<std::pair<uint8_t, uint8_t>, I2cModel*> m;
  return m;
}
std::map<int, std::vector<OneWireModel*> >& oneWireModels() {
  static std::map<int, std::vector<OneWireModel*> > m;
  return m;
}
std::map<uint8_t, UartModel*>& uartModels() {
  static std::map<uint8_t, UartModel*> m;
  return m;
}
std::map<int, PinModel*>& pinModels() {
  static std::map<int, PinModel*> m;
  return m;
}
std::map<uint8_t, int>& pulsePins() {
  static std::map<uint8_t, int> m;
  return m;
}
std::map<int, uint64_t>& echoTriggers() {
  static std::map<int, uint64_t> m;
  return m;
}
std::map<uint8_t, uint32_t>& uartBaud() {
  static std::map<uint8_t, uint32_t> m;
  return m;
}
std::map<uint8_t, uint32_t>& i2cHz() {
  static std::map<uint8_t, uint32_t> m;
  return m;
}

// Bus time per sensor: the transactions of one step happen at one virtual
// millisecond (the bus is instantaneous here), so a step is what a sensor's
// model was charged at one virtual time.
struct StepCost {
  uint64_t atMs = ~0ULL;
  uint64_t stepUs = 0;
  long longestUs = -1;
};
std::map<const void*, size_t>& labels() {
  static std::map<const void*, size_t> m;
  return m;
}
std::vector<StepCost>& costs() {
  static std::vector<StepCost> v;
  return v;
}

void charge(const void* model, uint64_t us) {
  std::map<const void*, size_t>::iterator it = labels().find(model);
  if (it == labels().end()) return;
  StepCost& c = costs()[it->second];
  const uint64_t now = virtualNowMs();
  if (c.atMs != now) {
    c.atMs = now;
    c.stepUs = 0;
  }
  c.stepUs += us;
  if (static_cast<long>(c.stepUs) > c.longestUs) c.longestUs = static_cast<long>(c.stepUs);
}

// A 1-Wire pin's transactions belong to the sensor of its first device.
const void* oneWireOwner(int pin) {
  std::vector<OneWireModel*>& all = oneWireModels()[pin];
  return all.empty() ? 0 : all[0];
}

const uint64_t kOneWireResetUs = 960;  // 480 us low, 480 us presence window (Maxim AN126)
const uint64_t kOneWireSlotUs = 70;    // 60 us slot + 10 us recovery (AN126 standard speed)
const uint64_t kDhtFrameUs = 5000;     // response 160 us + 40 bits of 50 us low + up to 70 us high
const uint64_t kHx711PulseUs = 2;      // 1 us high, 1 us low per SCK pulse (HX711 datasheet, T3/T4)
const uint64_t kEchoTriggerUs = 10;    // the 10 us trigger pulse (HC-SR04)
// Copying a received byte out of the core's ring buffer (Stream::read, a
// call and a few loads a byte): about a microsecond on an 80 MHz core.
const uint64_t kUartReadByteUs = 1;
// The ESP8266's software UART times every bit of a write with the CPU and
// sends what fits in 2 ms a call (arduino-common kSoftUartWriteBudgetUs); the
// host takes writes the same way, so every driver copes with a partial write.
const uint64_t kUartWriteBudgetUs = 2000;
const uint64_t kRegisterReadUs = 1;    // a pulse count (PCNT register, or an interrupt's count copied) or a pin level
const uint64_t kAdcReadUs = 100;       // one ADC conversion, taken generously (the RP2040 converts in 2 us)

PinModel* pinModel(int pin) {
  std::map<int, PinModel*>::iterator it = pinModels().find(pin);
  return it == pinModels().end() ? 0 : it->second;
}

// Which 1-Wire devices took part in the last reset (present, not unplugged).
std::map<int, std::vector<OneWireModel*> >& oneWireActive() {
  static std::map<int, std::vector<OneWireModel*> > m;
  return m;
}

}  // namespace

bool FaultState::chance(double rate) {
  if (rate <= 0) return false;
  return static_cast<double>(next()) / 4294967296.0 < rate;
}

uint32_t FaultState::next() {
  uint64_t x = state_;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  state_ = x;
  return static_cast<uint32_t>((x * 0x2545F4914F6CDD1DULL) >> 32);
}

bool FaultState::corrupt(uint8_t* data, size_t length) {
  if (length == 0 || !chance(faults_.corruptRate)) return false;
  const uint32_t bit = next() % (length * 8);
  data[bit / 8] = static_cast<uint8_t>(data[bit / 8] ^ (1u << (bit % 8)));
  return true;
}

void attachI2c(uint8_t bus, uint8_t address, I2cModel* model) { i2cModels()[std::make_pair(bus, address)] = model; }
void attachOneWire(int pin, OneWireModel* model) { oneWireModels()[pin].push_back(model); }
void attachUart(uint8_t port, UartModel* model) { uartModels()[port] = model; }
void attachPin(int pin, PinModel* model) { pinModels()[pin] = model; }

void labelModel(const void* model, size_t index) {
  labels()[model] = index;
  if (costs().size() <= index) costs().resize(index + 1);
}

long longestStepUs(size_t index) { return index < costs().size() ? costs()[index].longestUs : -1; }
size_t labelledSensors() { return costs().size(); }

void detachAllModels() {
  i2cModels().clear();
  oneWireModels().clear();
  oneWireActive().clear();
  uartModels().clear();
  uartBaud().clear();
  pinModels().clear();
  pulsePins().clear();
  echoTriggers().clear();
  labels().clear();
  costs().clear();
}

}  // namespace host

namespace platform {

bool i2cBegin(uint8_t bus, int, int, uint32_t hz) {
  host::i2cHz()[bus] = hz > 0 ? hz : 100000;
  return true;
}

BusResult i2cTransfer(uint8_t bus, uint8_t address, const uint8_t* tx, size_t txLength, uint8_t* rx,
                      size_t rxLength) {
  std::map<std::pair<uint8_t, uint8_t>, host::I2cModel*>::iterator it =
      host::i2cModels().find(std::make_pair(bus, address));
  if (it == host::i2cModels().end()) return BusResult::Nack;
  host::I2cModel& model = *it->second;
  // Start, address + R/W and 9 bits a byte for each part, stop.
  const uint64_t bits = 2 + (txLength > 0 || rxLength == 0 ? 9 * (1 + txLength) : 0) + (rxLength > 0 ? 9 * (1 + rxLength) : 0);
  const uint32_t hz = host::i2cHz().count(bus) != 0 ? host::i2cHz()[bus] : 100000;
  host::charge(&model, (bits * 1000000 + hz - 1) / hz);
  const uint64_t now = host::virtualNowMs();
  if (model.faults.refuse(now)) return BusResult::Nack;
  const BusResult result = model.transfer(tx, txLength, rx, rxLength, now);
  if (result == BusResult::Ok && rx != 0) model.faults.corrupt(rx, rxLength);
  return result;
}

bool oneWireBegin(int) { return true; }

bool oneWireReset(int pin) {
  host::charge(host::oneWireOwner(pin), host::kOneWireResetUs);
  const uint64_t now = host::virtualNowMs();
  std::vector<host::OneWireModel*>& active = host::oneWireActive()[pin];
  active.clear();
  std::vector<host::OneWireModel*>& all = host::oneWireModels()[pin];
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i]->faults.refuse(now)) continue;
    if (all[i]->reset(now)) active.push_back(all[i]);
  }
  return !active.empty();
}

void oneWireWriteBit(int pin, bool bit) {
  host::charge(host::oneWireOwner(pin), host::kOneWireSlotUs);
  const uint64_t now = host::virtualNowMs();
  std::vector<host::OneWireModel*>& active = host::oneWireActive()[pin];
  for (size_t i = 0; i < active.size(); ++i) active[i]->writeBit(bit, now);
}

bool oneWireReadBit(int pin) {
  host::charge(host::oneWireOwner(pin), host::kOneWireSlotUs);
  const uint64_t now = host::virtualNowMs();
  std::vector<host::OneWireModel*>& active = host::oneWireActive()[pin];
  bool level = true;  // the pull-up, unless a device holds the line low
  for (size_t i = 0; i < active.size(); ++i) level = active[i]->readBit(now) && level;
  return level;
}

bool uartBegin(uint8_t port, int, int, uint32_t baud) {
  host::uartBaud()[port] = baud > 0 ? baud : 9600;
  return true;
}

size_t uartRead(uint8_t port, uint8_t* data, size_t capacity) {
  std::map<uint8_t, host::UartModel*>::iterator it = host::uartModels().find(port);
  if (it == host::uartModels().end()) return 0;
  host::UartModel& model = *it->second;
  const uint64_t now = host::virtualNowMs();
  const size_t n = model.transmit(data, capacity, now);
  if (model.faults.unplugged(now)) return 0;
  host::charge(&model, n * host::kUartReadByteUs);
  model.faults.corrupt(data, n);
  return n;
}

size_t uartWrite(uint8_t port, const uint8_t* data, size_t length) {
  std::map<uint8_t, host::UartModel*>::iterator it = host::uartModels().find(port);
  const uint32_t baud = host::uartBaud().count(port) != 0 ? host::uartBaud()[port] : 9600;
  const uint64_t byteUs = (10ULL * 1000000 + baud - 1) / baud;  // 8N1
  size_t n = static_cast<size_t>(host::kUartWriteBudgetUs / byteUs);
  if (n == 0) n = 1;  // at least one byte a call, however slow the line
  if (n > length) n = length;
  if (it == host::uartModels().end()) return n;  // a UART always takes bytes, listened to or not
  host::UartModel& model = *it->second;
  host::charge(&model, n * byteUs);
  const uint64_t now = host::virtualNowMs();
  if (!model.faults.refuse(now)) model.receive(data, n, now);
  return n;
}

bool pulseBegin(uint8_t unit, int pin, Pull, Edge, uint32_t) {
  host::pulsePins()[unit] = pin;
  return true;
}

uint32_t pulseCount(uint8_t unit) {
  std::map<uint8_t, int>::iterator it = host::pulsePins().find(unit);
  if (it == host::pulsePins().end()) return 0;
  host::PinModel* model = host::pinModel(it->second);
  host::charge(model, host::kRegisterReadUs);
  return model != 0 ? model->pulses(host::virtualNowMs()) : 0;
}

bool gpioInput(int, Pull) { return true; }

int gpioRead(int pin) {
  host::PinModel* model = host::pinModel(pin);
  host::charge(model, host::kRegisterReadUs);
  return model != 0 ? model->level(host::virtualNowMs()) : 1;
}

bool gpioOutput(int) { return true; }
void gpioWrite(int, bool) {}

BusResult dhtReadFrame(int pin, uint8_t frame[5]) {
  host::PinModel* model = host::pinModel(pin);
  if (model == 0) return BusResult::Timeout;
  host::charge(model, host::kDhtFrameUs);
  const uint64_t now = host::virtualNowMs();
  if (model->faults.refuse(now)) return BusResult::Timeout;
  const BusResult result = model->dhtFrame(now, frame);
  if (result == BusResult::Ok) model->faults.corrupt(frame, 5);
  return result;
}

BusResult hx711Read(int dout, int, uint8_t gainPulses, int32_t* raw) {
  host::PinModel* model = host::pinModel(dout);
  if (model == 0) return BusResult::Timeout;
  host::charge(model, host::kHx711PulseUs * gainPulses);
  const uint64_t now = host::virtualNowMs();
  if (model->faults.refuse(now)) return BusResult::Timeout;
  return model->hx711Read(now, gainPulses, raw);
}

bool echoBegin(int, int) { return true; }

void echoTrigger(int, int echo) {
  host::charge(host::pinModel(echo), host::kEchoTriggerUs);
  host::echoTriggers()[echo] = host::virtualNowMs();
}

int echoPoll(int echo, uint32_t timeoutUs, uint32_t* highUs) {
  std::map<int, uint64_t>::iterator trigger = host::echoTriggers().find(echo);
  if (trigger == host::echoTriggers().end()) return -1;
  const uint64_t now = host::virtualNowMs();
  const uint64_t elapsedUs = (now - trigger->second) * 1000;
  host::PinModel* model = host::pinModel(echo);
  uint32_t width = 0;
  if (model == 0 || model->faults.refuse(trigger->second) || !model->echo(trigger->second, &width)) {
    return elapsedUs >= timeoutUs ? -1 : 0;
  }
  // The echo starts ~0.5 ms after the trigger and lasts `width`.
  if (elapsedUs < 500 + static_cast<uint64_t>(width)) return 0;
  *highUs = width;
  return 1;
}

bool readAnalogMillivolts(int pin, double* millivolts) {
  host::PinModel* model = host::pinModel(pin);
  host::charge(model, host::kAdcReadUs);
  const uint64_t now = host::virtualNowMs();
  if (model != 0) return !model->faults.refuse(now) && model->millivolts(now, millivolts);
  // No device on the pin: a slow deterministic wave, as a floating input never is.
  const double period = 120000 + 1000 * (pin < 0 ? 0 : pin);
  *millivolts = floor(1650 + 1200 * sin(6.283185307179586 * static_cast<double>(now % static_cast<uint64_t>(period)) / period) + 0.5);
  return true;
}

}  // namespace platform
}  // namespace harbor
