// The sensor buses of harbor/platform.h for the three Arduino adapters
// (arduino-esp32 2.0.x and 3.x, ESP8266, arduino-pico), compiled into each of
// them from lib/harbor_platform/src. The cores agree on TwoWire, pinMode,
// digitalRead/Write, attachInterrupt with an argument, micros() and
// delayMicroseconds(); where they part, HARBOR_PLATFORM_* (set by every
// generated project's build flags) picks the core's own way:
//   I2C     Wire/Wire1; the cores report a failed transfer with different codes.
//   UART    arduino-esp32: HardwareSerial 1/2 on any pins. arduino-pico: the
//           pins pick Serial1 or Serial2. ESP8266: UART0 is the console and
//           UART1 can only send, so the core's bundled EspSoftwareSerial.
//   pulses  the ESP32's PCNT where it can (esp32-common), else a GPIO interrupt.
//   1-Wire, DHT, HX711  bit-banged (board-common/harbor_bitbang.h) over the
//           pins below, with interrupts off only for each timed slot.
//   echo    an interrupt on both edges of the echo pin.
// Interrupt handlers run on the core that attached them: the sampling core,
// which is also the one that reads their results.
#include <Arduino.h>
#include <Wire.h>
#include <stddef.h>
#include <stdint.h>

#if defined(HARBOR_PLATFORM_ESP8266)
#include <SoftwareSerial.h>
#endif
#if defined(HARBOR_PLATFORM_ARDUINO_ESP32)
#include <esp_idf_version.h>
#include <soc/soc_caps.h>

#include "harbor_esp32_pcnt.h"

// Serial1/Serial2 and Wire1 exist where the chip has a second and third UART
// and a second I2C controller. IDF 5 counts the high-power ones apart (the C6
// adds low-power ones with few pins), and so does the core's HardwareSerial.
#if defined(SOC_UART_HP_NUM)
#define HARBOR_ESP32_UARTS SOC_UART_HP_NUM
#else
#define HARBOR_ESP32_UARTS SOC_UART_NUM
#endif
#if defined(SOC_HP_I2C_NUM)
#define HARBOR_ESP32_I2CS SOC_HP_I2C_NUM
#else
#define HARBOR_ESP32_I2CS SOC_I2C_NUM
#endif
#endif

#include "harbor/platform.h"
#include "harbor_bitbang.h"
#include "harbor_bus_logic.h"
#include "harbor_rp2040_pins.h"

// Interrupt handlers: the ESP8266 core refuses one outside IRAM; arduino-esp32
// puts its own there when built with CONFIG_ARDUINO_ISR_IRAM, and so do we.
#if defined(HARBOR_PLATFORM_ESP8266)
#define HARBOR_ISR IRAM_ATTR
#elif defined(HARBOR_PLATFORM_ARDUINO_ESP32)
#define HARBOR_ISR ARDUINO_ISR_ATTR
#else
#define HARBOR_ISR
#endif

namespace harbor {
namespace platform {
namespace {

// ---------------------------------------------------------------- pins
#if defined(HARBOR_PLATFORM_ESP8266)
const int kPinCount = 17;
// GPIO16 sits in the RTC block: no interrupt, no open drain, a pull-down instead of a pull-up.
const int kRtcPin = 16;
#elif defined(HARBOR_PLATFORM_PICOW)
const int kPinCount = rp2040::kGpioCount;
#else
const int kPinCount = SOC_GPIO_PIN_COUNT;
#endif

bool isPin(int pin) { return pin >= 0 && pin < kPinCount; }

bool hasInterrupt(int pin) {
#if defined(HARBOR_PLATFORM_ESP8266)
  if (pin == kRtcPin) return false;
#endif
  return isPin(pin);
}

// Open drain for 1-Wire: HIGH lets the pull-up raise the line, LOW pulls it
// down. arduino-pico emulates it in INPUT_PULLUP mode (digitalWrite switches
// the pin between input and output low).
bool openDrain(int pin) {
  if (!hasInterrupt(pin)) return false;  // ESP8266 GPIO16: no open drain either
#if defined(HARBOR_PLATFORM_PICOW)
  pinMode(static_cast<pin_size_t>(pin), INPUT_PULLUP);
#else
  pinMode(static_cast<uint8_t>(pin), OUTPUT_OPEN_DRAIN);
#endif
  digitalWrite(static_cast<uint8_t>(pin), HIGH);
  return true;
}

// What harbor_bitbang.h needs of a core.
struct ArduinoIo {
  class Quiet {
   public:
    Quiet() { noInterrupts(); }
    ~Quiet() { interrupts(); }
  };
  static void release(int pin) { digitalWrite(static_cast<uint8_t>(pin), HIGH); }
  static void driveLow(int pin) { digitalWrite(static_cast<uint8_t>(pin), LOW); }
  static bool read(int pin) { return digitalRead(static_cast<uint8_t>(pin)) == HIGH; }
  static void write(int pin, bool level) { digitalWrite(static_cast<uint8_t>(pin), level ? HIGH : LOW); }
  static void delayUs(uint32_t us) { delayMicroseconds(us); }
  static uint32_t nowUs() { return static_cast<uint32_t>(micros()); }
};

#if defined(HARBOR_PLATFORM_PICOW)
typedef PinStatus InterruptMode;
void attachWithArg(int pin, void (*handler)(void*), void* arg, InterruptMode mode) {
  attachInterruptParam(static_cast<pin_size_t>(pin), handler, mode, arg);
}
#else
typedef int InterruptMode;
void attachWithArg(int pin, void (*handler)(void*), void* arg, InterruptMode mode) {
  attachInterruptArg(static_cast<uint8_t>(pin), handler, arg, mode);
}
#endif

InterruptMode interruptMode(Edge edge) {
  switch (edge) {
    case Edge::Rising:
      return RISING;
    case Edge::Falling:
      return FALLING;
    default:
      return CHANGE;
  }
}

// ---------------------------------------------------------------- I2C
const uint16_t kI2cTimeoutMs = 50;  // also Wire's default on arduino-esp32
#if defined(HARBOR_PLATFORM_ESP8266)
// The ESP8266's Wire is software I2C; its default clock-stretch limit (230 us)
// cuts off sensors that hold SCL while they finish a conversion (10-15 ms).
const uint32_t kI2cStretchLimitUs = 15000;
const size_t kWireBufferBytes = I2C_BUFFER_LENGTH;
#elif defined(HARBOR_PLATFORM_PICOW)
const size_t kWireBufferBytes = WIRE_BUFFER_SIZE;
#else
const size_t kWireBufferBytes = I2C_BUFFER_LENGTH;
#endif

struct I2cBus {
  TwoWire* wire;  // null until i2cBegin()
  int sda;
  int scl;
};
I2cBus gI2c[2];

// The controller for bus `bus` on these pins, or null where the chip has none.
TwoWire* wireFor(uint8_t bus, int sda, int scl) {
#if defined(HARBOR_PLATFORM_PICOW)
  (void)bus;
  const int controller = rp2040::i2cController(sda, scl);
  return controller == 0 ? &Wire : controller == 1 ? &Wire1 : nullptr;
#elif defined(HARBOR_PLATFORM_ESP8266)
  (void)sda;
  (void)scl;
  return bus == 0 ? &Wire : nullptr;  // one software bus
#else
  (void)sda;
  (void)scl;
  if (bus == 0) return &Wire;
#if HARBOR_ESP32_I2CS > 1
  if (bus == 1) return &Wire1;
#endif
  return nullptr;
#endif
}

bool startWire(TwoWire& wire, int sda, int scl, uint32_t hz) {
#if defined(HARBOR_PLATFORM_PICOW)
  wire.setSDA(static_cast<pin_size_t>(sda));  // rp2040::i2cController() checked both
  wire.setSCL(static_cast<pin_size_t>(scl));
  wire.setClock(hz);
  wire.setTimeout(kI2cTimeoutMs, true);  // true: reset the controller after a timeout
  wire.begin();
  return true;
#elif defined(HARBOR_PLATFORM_ESP8266)
  wire.begin(sda, scl);
  wire.setClock(hz);
  wire.setClockStretchLimit(kI2cStretchLimitUs);
  return true;
#else
  if (!wire.begin(sda, scl, hz)) return false;
  wire.setTimeOut(kI2cTimeoutMs);
  return true;
#endif
}

// endTransmission()'s code as a BusResult. Every core means 0 done, 1 too
// long, 2 and 3 NACK (address, data); beyond that they differ.
BusResult wireResult(uint8_t code) {
  switch (code) {
    case 0:
      return BusResult::Ok;
    case 2:
    case 3:
      return BusResult::Nack;
    case 5:
      return BusResult::Timeout;  // arduino-esp32 and arduino-pico
#if defined(HARBOR_PLATFORM_ESP8266)
    case 4:
      return BusResult::Timeout;  // "line busy": SDA or SCL held low past the stretch limit
#elif defined(HARBOR_PLATFORM_PICOW)
    case 4:
      return BusResult::Nack;  // the SDK aborted the write: nobody acknowledged (a timeout is 5)
#elif ESP_IDF_VERSION >= ESP_IDF_VERSION_VAL(5, 4, 0)
    case 4:
      return BusResult::Nack;  // 3.x on IDF 5.4+: i2c_master's NACK (ESP_ERR_INVALID_STATE) arrives as 4
#endif
    default:
      return BusResult::Error;
  }
}

// ---------------------------------------------------------------- UART
const size_t kUartRxBufferBytes = 256;  // the core's receive buffer, allocated once at begin

#if defined(HARBOR_PLATFORM_ESP8266)
// EspSoftwareSerial sends with the CPU timing each bit (about 1 ms a byte at
// 9600 baud), so a write sends what fits in this budget and leaves the rest.
const uint32_t kSoftUartWriteBudgetUs = 2000;
EspSoftwareSerial::UART gSoftUart[2];
#endif

struct UartPort {
  Stream* stream;  // null until uartBegin()
  int rx;
  int tx;
  uint32_t baud;
};
UartPort gUart[2];

// Starts the UART for `port` (1 or 2); the stream, or null.
Stream* startUart(uint8_t port, int rx, int tx, uint32_t baud) {
#if defined(HARBOR_PLATFORM_ESP8266)
  EspSoftwareSerial::UART& uart = gSoftUart[port - 1];
  // RX needs an interrupt pin (not GPIO16); the buffer is allocated here, once.
  uart.begin(baud, EspSoftwareSerial::SWSERIAL_8N1, static_cast<int8_t>(rx), static_cast<int8_t>(tx), false,
             static_cast<int>(kUartRxBufferBytes));
  if (!uart) return nullptr;
  return &uart;
#elif defined(HARBOR_PLATFORM_PICOW)
  (void)port;
  const int controller = rp2040::uartController(rx, tx);
  if (controller < 0) return nullptr;
  SerialUART& uart = controller == 0 ? Serial1 : Serial2;
  for (const UartPort& other : gUart) {
    if (other.stream == &uart) return nullptr;  // the other port has this controller
  }
  uart.setRX(static_cast<pin_size_t>(rx));
  uart.setTX(static_cast<pin_size_t>(tx));
  uart.setFIFOSize(kUartRxBufferBytes);
  uart.begin(baud);
  return &uart;
#else
  HardwareSerial* uart = nullptr;
#if HARBOR_ESP32_UARTS > 1
  if (port == 1) uart = &Serial1;
#endif
#if HARBOR_ESP32_UARTS > 2
  if (port == 2) uart = &Serial2;
#endif
  if (uart == nullptr) return nullptr;
  uart->setRxBufferSize(kUartRxBufferBytes);
  uart->begin(baud, SERIAL_8N1, static_cast<int8_t>(rx), static_cast<int8_t>(tx));
  return *uart ? uart : nullptr;
#endif
}

// ---------------------------------------------------------------- pulse counters
bus::PulseUnit gPulse[bus::kPulseUnits];

void HARBOR_ISR onPulseEdge(void* arg) { bus::pulseEdge(*static_cast<bus::PulseUnit*>(arg)); }

void HARBOR_ISR onPulseChange(void* arg) {
  bus::PulseUnit& unit = *static_cast<bus::PulseUnit*>(arg);
  bus::pulseChange(unit, static_cast<uint32_t>(micros()), digitalRead(static_cast<uint8_t>(unit.pin)) == HIGH);
}

// ---------------------------------------------------------------- echo
bus::EchoPins gEcho;

void HARBOR_ISR onEchoChange(void* arg) {
  bus::EchoPin& pin = *static_cast<bus::EchoPin*>(arg);
  bus::echoEdge(pin.timer, digitalRead(static_cast<uint8_t>(pin.echo)) == HIGH, static_cast<uint32_t>(micros()));
}

}  // namespace

// ---------------------------------------------------------------- I2C
bool i2cBegin(uint8_t bus, int sda, int scl, uint32_t hz) {
  if (bus >= 2 || !isPin(sda) || !isPin(scl) || hz == 0) return false;
  I2cBus& b = gI2c[bus];
  if (b.wire != nullptr) return b.sda == sda && b.scl == scl;  // begun already, by another sensor on it
  TwoWire* wire = wireFor(bus, sda, scl);
  if (wire == nullptr) return false;
  for (const I2cBus& other : gI2c) {
    if (other.wire == wire) return false;  // the other bus has this controller
  }
  if (!startWire(*wire, sda, scl, hz)) return false;
  b.wire = wire;
  b.sda = sda;
  b.scl = scl;
  return true;
}

BusResult i2cTransfer(uint8_t bus, uint8_t address, const uint8_t* tx, size_t txLength, uint8_t* rx,
                      size_t rxLength) {
  if (bus >= 2 || gI2c[bus].wire == nullptr || address > 0x7F) return BusResult::Error;
  if (txLength > kWireBufferBytes || rxLength > kWireBufferBytes) return BusResult::Error;
  TwoWire& wire = *gI2c[bus].wire;
  // A write (or, with nothing to send or read, an address-only probe), then
  // the read after a repeated start. arduino-esp32 holds the bus from
  // beginTransmission() to the end, so every begin gets its end.
  if (txLength > 0 || rxLength == 0) {
    wire.beginTransmission(address);
    if (txLength > 0) wire.write(tx, txLength);
    const BusResult written = wireResult(wire.endTransmission(rxLength == 0));
    if (written != BusResult::Ok) return written;
  }
  if (rxLength == 0) return BusResult::Ok;
  // arduino-esp32 runs a write held for a repeated start here, with the read;
  // any failure of the pair reads as nothing received.
  const size_t received = wire.requestFrom(address, rxLength, true);
  if (received != rxLength) {
    while (wire.available() > 0) wire.read();
    return BusResult::Nack;
  }
  for (size_t i = 0; i < rxLength; ++i) rx[i] = static_cast<uint8_t>(wire.read());
  return BusResult::Ok;
}

// ---------------------------------------------------------------- 1-Wire
bool oneWireBegin(int pin) { return openDrain(pin); }
bool oneWireReset(int pin) { return bitbang::oneWireReset<ArduinoIo>(pin); }
void oneWireWriteBit(int pin, bool bit) { bitbang::oneWireWriteBit<ArduinoIo>(pin, bit); }
bool oneWireReadBit(int pin) { return bitbang::oneWireReadBit<ArduinoIo>(pin); }

// ---------------------------------------------------------------- UART
bool uartBegin(uint8_t port, int rx, int tx, uint32_t baud) {
  if (port < 1 || port > 2 || !isPin(rx) || !isPin(tx) || baud == 0) return false;
  UartPort& p = gUart[port - 1];
  if (p.stream != nullptr) return p.rx == rx && p.tx == tx && p.baud == baud;
  Stream* stream = startUart(port, rx, tx, baud);
  if (stream == nullptr) return false;
  p.stream = stream;
  p.rx = rx;
  p.tx = tx;
  p.baud = baud;
  return true;
}

size_t uartRead(uint8_t port, uint8_t* data, size_t capacity) {
  if (port < 1 || port > 2 || gUart[port - 1].stream == nullptr) return 0;
  Stream& stream = *gUart[port - 1].stream;
  size_t n = 0;
  while (n < capacity && stream.available() > 0) {
    const int c = stream.read();
    if (c < 0) break;
    data[n++] = static_cast<uint8_t>(c);
  }
  return n;
}

size_t uartWrite(uint8_t port, const uint8_t* data, size_t length) {
  if (port < 1 || port > 2 || gUart[port - 1].stream == nullptr) return 0;
#if defined(HARBOR_PLATFORM_ESP8266)
  // 10 bits a byte (8N1); at least one byte a call, however slow the line.
  size_t budget = static_cast<size_t>(static_cast<uint64_t>(gUart[port - 1].baud) * kSoftUartWriteBudgetUs / 10 / 1000000);
  if (budget == 0) budget = 1;
  return gSoftUart[port - 1].write(data, length < budget ? length : budget);
#elif defined(HARBOR_PLATFORM_PICOW)
  SerialUART& uart = *static_cast<SerialUART*>(gUart[port - 1].stream);
  size_t n = 0;
  while (n < length && uart.availableForWrite() > 0) n += uart.write(data[n]);  // 1 while the FIFO has room
  return n;
#else
  HardwareSerial& uart = *static_cast<HardwareSerial*>(gUart[port - 1].stream);
  const int room = uart.availableForWrite();  // what the driver's buffer and FIFO take without waiting
  if (room <= 0) return 0;
  return uart.write(data, length < static_cast<size_t>(room) ? length : static_cast<size_t>(room));
#endif
}

// ---------------------------------------------------------------- pulse counters
bool pulseBegin(uint8_t unit, int pin, Pull pull, Edge edge, uint32_t debounceUs) {
  if (unit >= bus::kPulseUnits || !isPin(pin)) return false;
  bus::PulseUnit& u = gPulse[unit];
  if (u.begun) return bus::pulseUnitMatches(u, pin, edge);
  bus::pulseUnitStart(u, pin, edge, debounceUs);
#if defined(HARBOR_PLATFORM_ARDUINO_ESP32)
  if (esp32::pcntBegin(unit, pin, pull, edge, debounceUs)) {
    u.hardware = true;
    u.begun = true;
    return true;
  }
#endif
  if (!hasInterrupt(pin) || !gpioInput(pin, pull)) return false;
  u.begun = true;
  if (debounceUs == 0) {
    attachWithArg(pin, onPulseEdge, &u, interruptMode(edge));
  } else {
    attachWithArg(pin, onPulseChange, &u, CHANGE);
  }
  return true;
}

uint32_t pulseCount(uint8_t unit) {
  if (unit >= bus::kPulseUnits || !gPulse[unit].begun) return 0;
  bus::PulseUnit& u = gPulse[unit];
#if defined(HARBOR_PLATFORM_ARDUINO_ESP32)
  if (u.hardware) return esp32::pcntCount(unit);
#endif
  noInterrupts();
  const uint32_t count = bus::pulseUnitRead(u, static_cast<uint32_t>(micros()));
  interrupts();
  return count;
}

// ---------------------------------------------------------------- GPIO
bool gpioInput(int pin, Pull pull) {
  if (!isPin(pin)) return false;
  const uint8_t p = static_cast<uint8_t>(pin);
  switch (pull) {
    case Pull::Up:
#if defined(HARBOR_PLATFORM_ESP8266)
      if (pin == kRtcPin) return false;
#endif
      pinMode(p, INPUT_PULLUP);
      return true;
    case Pull::Down:
#if defined(HARBOR_PLATFORM_ESP8266)
      if (pin != kRtcPin) return false;  // only GPIO16 has a pull-down
      pinMode(p, INPUT_PULLDOWN_16);
#else
      pinMode(p, INPUT_PULLDOWN);
#endif
      return true;
    default:
      pinMode(p, INPUT);
      return true;
  }
}

int gpioRead(int pin) { return isPin(pin) && digitalRead(static_cast<uint8_t>(pin)) == HIGH ? 1 : 0; }

bool gpioOutput(int pin) {
  if (!isPin(pin)) return false;
  pinMode(static_cast<uint8_t>(pin), OUTPUT);
  return true;
}

void gpioWrite(int pin, bool level) {
  if (isPin(pin)) digitalWrite(static_cast<uint8_t>(pin), level ? HIGH : LOW);
}

// ---------------------------------------------------------------- DHT, HX711
BusResult dhtReadFrame(int pin, uint8_t frame[5]) {
  // The driver drove the start signal; releasing the line to the pull-up ends it.
  if (!hasInterrupt(pin) || !gpioInput(pin, Pull::Up)) return BusResult::Error;
  return bitbang::dhtReadFrame<ArduinoIo>(pin, frame);
}

BusResult hx711Read(int dout, int sck, uint8_t gainPulses, int32_t* raw) {
  if (!isPin(dout) || !isPin(sck)) return BusResult::Error;
  return bitbang::hx711Read<ArduinoIo>(dout, sck, gainPulses, raw);
}

// ---------------------------------------------------------------- echo
bool echoBegin(int trigger, int echo) {
  if (!isPin(trigger) || !hasInterrupt(echo) || trigger == echo) return false;
  bool fresh = false;
  bus::EchoPin* pin = gEcho.claim(trigger, echo, &fresh);
  if (pin == nullptr || !fresh) return pin != nullptr;
  pinMode(static_cast<uint8_t>(trigger), OUTPUT);
  digitalWrite(static_cast<uint8_t>(trigger), LOW);
  pinMode(static_cast<uint8_t>(echo), INPUT);
  attachWithArg(echo, onEchoChange, pin, CHANGE);
  return true;
}

void echoTrigger(int trigger, int echo) {
  bus::EchoPin* pin = gEcho.sensor(trigger, echo);
  if (pin == nullptr) return;
  bus::echoArm(pin->timer, static_cast<uint32_t>(micros()));
  digitalWrite(static_cast<uint8_t>(trigger), HIGH);
  delayMicroseconds(10);
  digitalWrite(static_cast<uint8_t>(trigger), LOW);
}

int echoPoll(int echo, uint32_t timeoutUs, uint32_t* highUs) {
  bus::EchoPin* pin = gEcho.find(echo);
  return pin != nullptr ? bus::echoResult(pin->timer, static_cast<uint32_t>(micros()), timeoutUs, highUs) : -1;
}

}  // namespace platform
}  // namespace harbor
