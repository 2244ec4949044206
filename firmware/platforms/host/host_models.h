// What the host build's buses talk to: models of sensor devices, written from
// their datasheets (register maps, conversion, CRCs, frame formats). A model's
// physical quantities follow deterministic waveforms of virtual time, so a test
// knows what the Harbor must receive; faults can be injected per device.
// Models register on a bus address, a pin or a UART port before setup() runs
// (the generated .harbor/host_models.cpp does it).
#pragma once

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include <vector>

#include "harbor/platform.h"
#include "host_state.h"

namespace harbor {
namespace host {

// base + amplitude * sin(2 pi (t + phase) / period), t in virtual ms.
struct Wave {
  double base;
  double amplitude;
  double periodMs;
  double phaseMs;
  double at(uint64_t nowMs) const {
    if (periodMs <= 0) return base;
    return base + amplitude * sin(6.283185307179586 * fmod(static_cast<double>(nowMs) + phaseMs, periodMs) / periodMs);
  }
};

// Faults of one device, drawn from its own seeded random stream so a run repeats.
struct Faults {
  double nackRate = 0;        // a transaction is refused (I2C NACK, no 1-Wire presence, no UART reply)
  double corruptRate = 0;     // one bit of an answer is flipped (what a CRC or checksum catches)
  std::vector<Window> unplugged;  // the device is gone: nothing answers at all
  std::vector<Window> nackBursts; // every transaction is refused
  uint64_t seed = 1;
};

class FaultState {
 public:
  explicit FaultState(const Faults& faults) : faults_(faults), state_(faults.seed * 0x9E3779B97F4A7C15ULL + 7) {}
  void set(const Faults& faults) {
    faults_ = faults;
    state_ = faults.seed * 0x9E3779B97F4A7C15ULL + 7;
  }
  bool unplugged(uint64_t nowMs) const { return any(faults_.unplugged, nowMs); }
  // Refuse this transaction? (unplugged, in a burst, or by chance)
  bool refuse(uint64_t nowMs) { return unplugged(nowMs) || any(faults_.nackBursts, nowMs) || chance(faults_.nackRate); }
  // Flip a bit of `data`? Returns true when it did.
  bool corrupt(uint8_t* data, size_t length);

 private:
  static bool any(const std::vector<Window>& windows, uint64_t t) {
    for (size_t i = 0; i < windows.size(); ++i) {
      if (windows[i].contains(t)) return true;
    }
    return false;
  }
  bool chance(double rate);
  uint32_t next();

  Faults faults_;
  uint64_t state_;
};

class I2cModel {
 public:
  explicit I2cModel(const Faults& faults = Faults()) : faults(faults) {}
  virtual ~I2cModel() {}
  // One transaction addressed to this device: `tx` written, then `rx` read.
  virtual platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                                       uint64_t nowMs) = 0;
  FaultState faults;
};

// A 1-Wire device, driven a bit slot at a time; the bus wires them together (AND).
class OneWireModel {
 public:
  explicit OneWireModel(const Faults& faults = Faults()) : faults(faults) {}
  virtual ~OneWireModel() {}
  virtual bool reset(uint64_t nowMs) = 0;  // true: presence pulse
  virtual void writeBit(bool bit, uint64_t nowMs) = 0;
  virtual bool readBit(uint64_t nowMs) = 0;  // 1 = releases the bus
  FaultState faults;
};

class UartModel {
 public:
  explicit UartModel(const Faults& faults = Faults()) : faults(faults) {}
  virtual ~UartModel() {}
  virtual void receive(const uint8_t* data, size_t length, uint64_t nowMs) = 0;  // what the firmware wrote
  virtual size_t transmit(uint8_t* data, size_t capacity, uint64_t nowMs) = 0;   // what it reads
  FaultState faults;
};

// A pin-level device: pulses (meters, switches), an analog level, a DHT, an HX711, an echo.
class PinModel {
 public:
  explicit PinModel(const Faults& faults = Faults()) : faults(faults) {}
  virtual ~PinModel() {}
  virtual uint32_t pulses(uint64_t nowMs) { (void)nowMs; return 0; }
  virtual int level(uint64_t nowMs) { (void)nowMs; return 1; }
  virtual bool millivolts(uint64_t nowMs, double* mv) { (void)nowMs; (void)mv; return false; }
  virtual platform::BusResult dhtFrame(uint64_t nowMs, uint8_t frame[5]) { (void)nowMs; (void)frame; return platform::BusResult::Timeout; }
  virtual bool hx711Ready(uint64_t nowMs) { (void)nowMs; return false; }
  virtual platform::BusResult hx711Read(uint64_t nowMs, uint8_t pulses, int32_t* raw) { (void)nowMs; (void)pulses; (void)raw; return platform::BusResult::Timeout; }
  virtual bool echo(uint64_t nowMs, uint32_t* highUs) { (void)nowMs; (void)highUs; return false; }
  FaultState faults;
};

void attachI2c(uint8_t bus, uint8_t address, I2cModel* model);
void attachOneWire(int pin, OneWireModel* model);
void attachUart(uint8_t port, UartModel* model);
void attachPin(int pin, PinModel* model);
// Forgets every attached model (the C++ unit tests attach their own per case).
void detachAllModels();

// Names `model` as the project's sensor `index`, so the time its bus
// transactions would take on a board is charged to that sensor (see busTime).
void labelModel(const void* model, size_t index);
// The longest bus time, in microseconds, any one step of sensor `index` would
// hold the CPU on a board, from a model of each transaction's length on the
// wire: I2C bits at the bus clock, 1-Wire reset and bit slots, the DHT frame,
// HX711 clock pulses, the echo trigger, a UART write's bits as the ESP8266's
// software UART times them and ~1 us a byte read from the receive buffer, a
// pulse count or pin read (1 us), an ADC read (100 us); a conversion the
// driver waits for between steps never counts. -1 for a sensor that made no transaction.
long longestStepUs(size_t index);
size_t labelledSensors();

// Set by --sensor-faults before the models are attached; the generated wiring
// passes each device's faults from here (index = the sensor's position).
const Faults& sensorFaults(size_t index);

// `v` rounded to the nearest whole number within [lo, hi]: what a model puts in a 16-bit result register.
inline uint16_t rawWord(double v, double lo = 0, double hi = 65535) {
  return static_cast<uint16_t>(floor((v < lo ? lo : v > hi ? hi : v) + 0.5));
}

}  // namespace host
}  // namespace harbor
