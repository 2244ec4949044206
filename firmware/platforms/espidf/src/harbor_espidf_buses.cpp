// The sensor buses of harbor/platform.h on ESP-IDF 5: the I2C master driver
// (driver/i2c_master.h), the UART driver with a receive ring buffer, the PCNT
// (esp32-common/harbor_esp32_pcnt.cpp) or a GPIO interrupt for pulses, and
// bit-banged 1-Wire, DHT and HX711 (board-common/harbor_bitbang.h) over gpio
// with esp_rom_delay_us() inside a spinlock critical section.
//
// Interrupt handlers come from the GPIO ISR service, which runs them on the
// core that installed it: the one app_main samples on, which reads their
// results. They are in IRAM, so a program that installed the service with
// ESP_INTR_FLAG_IRAM still gets them called.
#include <driver/gpio.h>
#include <driver/i2c_master.h>
#include <driver/uart.h>
#include <esp_attr.h>
#include <esp_err.h>
#include <esp_log.h>
#include <esp_rom_sys.h>
#include <esp_timer.h>
#include <freertos/FreeRTOS.h>
#include <soc/soc_caps.h>
#include <stddef.h>
#include <stdint.h>

#include "harbor/platform.h"
#include "harbor_bitbang.h"
#include "harbor_bus_logic.h"
#include "harbor_esp32_pcnt.h"

namespace harbor {
namespace platform {
namespace {

gpio_num_t gpio(int pin) { return static_cast<gpio_num_t>(pin); }

bool isPin(int pin) { return pin >= 0 && pin < SOC_GPIO_PIN_COUNT; }

uint32_t nowUs() { return static_cast<uint32_t>(esp_timer_get_time()); }

// One pin as an input (pulled as asked), an output, or an open-drain line.
bool configurePin(int pin, gpio_mode_t mode, Pull pull, gpio_int_type_t interrupt) {
  if (!isPin(pin)) return false;
  gpio_config_t config = {};
  config.pin_bit_mask = 1ULL << pin;
  config.mode = mode;
  config.pull_up_en = pull == Pull::Up ? GPIO_PULLUP_ENABLE : GPIO_PULLUP_DISABLE;
  config.pull_down_en = pull == Pull::Down ? GPIO_PULLDOWN_ENABLE : GPIO_PULLDOWN_DISABLE;
  config.intr_type = interrupt;
  return gpio_config(&config) == ESP_OK;
}

// Interrupts held off on this core, and the other core kept out, for a timed slot.
portMUX_TYPE gBitbangLock = portMUX_INITIALIZER_UNLOCKED;

// What harbor_bitbang.h needs: open-drain pins driven through gpio.
struct IdfIo {
  class Quiet {
   public:
    Quiet() { portENTER_CRITICAL(&gBitbangLock); }
    ~Quiet() { portEXIT_CRITICAL(&gBitbangLock); }
  };
  static void release(int pin) { gpio_set_level(gpio(pin), 1); }
  static void driveLow(int pin) { gpio_set_level(gpio(pin), 0); }
  static bool read(int pin) { return gpio_get_level(gpio(pin)) != 0; }
  static void write(int pin, bool level) { gpio_set_level(gpio(pin), level ? 1 : 0); }
  static void delayUs(uint32_t us) { esp_rom_delay_us(us); }
  static uint32_t nowUs() { return platform::nowUs(); }
};

bool isrServiceReady() {
  static bool ready = false;
  if (!ready) {
    const esp_err_t err = gpio_install_isr_service(0);
    ready = err == ESP_OK || err == ESP_ERR_INVALID_STATE;  // INVALID_STATE: installed already
  }
  return ready;
}

bool attachHandler(int pin, gpio_isr_t handler, void* arg) {
  return isrServiceReady() && gpio_isr_handler_add(gpio(pin), handler, arg) == ESP_OK;
}

// ---------------------------------------------------------------- I2C
const int kI2cTimeoutMs = 50;  // one transfer of a few bytes, clock stretching included
// The new driver wants a device handle per address. Handles are added at a
// device's first transfer (i2cBegin cannot know the addresses) and kept.
const uint8_t kI2cDevicesPerBus = 8;

struct I2cDevice {
  uint8_t address;
  i2c_master_dev_handle_t handle;
};

struct I2cBus {
  i2c_master_bus_handle_t handle;  // null until i2cBegin()
  int sda;
  int scl;
  uint32_t hz;
  uint8_t deviceCount;
  I2cDevice devices[kI2cDevicesPerBus];
};
I2cBus gI2c[SOC_HP_I2C_NUM];

i2c_master_dev_handle_t i2cDevice(I2cBus& bus, uint8_t address) {
  for (uint8_t i = 0; i < bus.deviceCount; ++i) {
    if (bus.devices[i].address == address) return bus.devices[i].handle;
  }
  if (bus.deviceCount == kI2cDevicesPerBus) return nullptr;
  i2c_device_config_t config = {};
  config.dev_addr_length = I2C_ADDR_BIT_LEN_7;
  config.device_address = address;
  config.scl_speed_hz = bus.hz;
  i2c_master_dev_handle_t handle = nullptr;
  if (i2c_master_bus_add_device(bus.handle, &config, &handle) != ESP_OK) return nullptr;
  bus.devices[bus.deviceCount].address = address;
  bus.devices[bus.deviceCount].handle = handle;
  ++bus.deviceCount;
  return handle;
}

BusResult i2cResult(esp_err_t err) {
  switch (err) {
    case ESP_OK:
      return BusResult::Ok;
    case ESP_ERR_NOT_FOUND:      // i2c_master_probe(): nobody acknowledged the address
    case ESP_ERR_INVALID_STATE:  // a transfer stopped by a NACK (or by SCL held past the hardware timeout)
      return BusResult::Nack;
    case ESP_ERR_TIMEOUT:
      return BusResult::Timeout;
    default:
      return BusResult::Error;
  }
}

// ---------------------------------------------------------------- UART
// The receive ring buffer, which uart_driver_install() wants larger than the
// 128-byte FIFO. No transmit buffer: uart_tx_chars() then fills the FIFO and
// returns, never waiting.
const int kUartRxBufferBytes = 256;
bool gUartBegun[2];
uint32_t gUartBaud[2];
int gUartRx[2];
int gUartTx[2];

bool uartPort(uint8_t port, uart_port_t* out) {
  if (port == 1) {
    *out = UART_NUM_1;
    return true;
  }
#if SOC_UART_HP_NUM > 2
  if (port == 2) {
    *out = UART_NUM_2;
    return true;
  }
#endif
  return false;
}

// ---------------------------------------------------------------- pulse counters
bus::PulseUnit gPulse[bus::kPulseUnits];
portMUX_TYPE gPulseLock = portMUX_INITIALIZER_UNLOCKED;  // the filter, between the handler and pulseCount()

void IRAM_ATTR onPulseEdge(void* arg) { bus::pulseEdge(*static_cast<bus::PulseUnit*>(arg)); }

void IRAM_ATTR onPulseChange(void* arg) {
  bus::PulseUnit& unit = *static_cast<bus::PulseUnit*>(arg);
  const bool level = gpio_get_level(gpio(unit.pin)) != 0;
  portENTER_CRITICAL_ISR(&gPulseLock);
  bus::pulseChange(unit, nowUs(), level);
  portEXIT_CRITICAL_ISR(&gPulseLock);
}

gpio_int_type_t interruptType(Edge edge) {
  switch (edge) {
    case Edge::Rising:
      return GPIO_INTR_POSEDGE;
    case Edge::Falling:
      return GPIO_INTR_NEGEDGE;
    default:
      return GPIO_INTR_ANYEDGE;
  }
}

// ---------------------------------------------------------------- echo
bus::EchoPins gEcho;

void IRAM_ATTR onEchoChange(void* arg) {
  bus::EchoPin& pin = *static_cast<bus::EchoPin*>(arg);
  bus::echoEdge(pin.timer, gpio_get_level(gpio(pin.echo)) != 0, nowUs());
}

}  // namespace

// ---------------------------------------------------------------- I2C
bool i2cBegin(uint8_t bus, int sda, int scl, uint32_t hz) {
  if (bus >= SOC_HP_I2C_NUM || !isPin(sda) || !isPin(scl) || hz == 0) return false;
  I2cBus& b = gI2c[bus];
  if (b.handle != nullptr) return b.sda == sda && b.scl == scl;  // begun already, by another sensor on it
  i2c_master_bus_config_t config = {};
  config.i2c_port = bus;
  config.sda_io_num = gpio(sda);
  config.scl_io_num = gpio(scl);
  config.clk_source = I2C_CLK_SRC_DEFAULT;
  config.glitch_ignore_cnt = 7;  // the value ESP-IDF's examples use
  config.flags.enable_internal_pullup = 1;  // weak; the bus still wants its 4.7k pull-ups
  if (i2c_new_master_bus(&config, &b.handle) != ESP_OK) {
    b.handle = nullptr;
    return false;
  }
  b.sda = sda;
  b.scl = scl;
  b.hz = hz;
  // Before 5.5 the driver logs every NACK as an error: an absent sensor would
  // flood the console, and the runtime reports failed reads itself.
  esp_log_level_set("i2c.master", ESP_LOG_NONE);
  return true;
}

BusResult i2cTransfer(uint8_t bus, uint8_t address, const uint8_t* tx, size_t txLength, uint8_t* rx,
                      size_t rxLength) {
  if (bus >= SOC_HP_I2C_NUM || gI2c[bus].handle == nullptr || address > 0x7F) return BusResult::Error;
  I2cBus& b = gI2c[bus];
  if (txLength == 0 && rxLength == 0) return i2cResult(i2c_master_probe(b.handle, address, kI2cTimeoutMs));
  i2c_master_dev_handle_t device = i2cDevice(b, address);
  if (device == nullptr) return BusResult::Error;
  if (rxLength == 0) return i2cResult(i2c_master_transmit(device, tx, txLength, kI2cTimeoutMs));
  if (txLength == 0) return i2cResult(i2c_master_receive(device, rx, rxLength, kI2cTimeoutMs));
  // The write, a repeated start and the read, in one transaction.
  return i2cResult(i2c_master_transmit_receive(device, tx, txLength, rx, rxLength, kI2cTimeoutMs));
}

// ---------------------------------------------------------------- 1-Wire
bool oneWireBegin(int pin) {
  // Open drain with the weak internal pull-up as well as the bus's 4.7k one.
  if (!configurePin(pin, GPIO_MODE_INPUT_OUTPUT_OD, Pull::Up, GPIO_INTR_DISABLE)) return false;
  IdfIo::release(pin);
  return true;
}

bool oneWireReset(int pin) { return bitbang::oneWireReset<IdfIo>(pin); }
void oneWireWriteBit(int pin, bool bit) { bitbang::oneWireWriteBit<IdfIo>(pin, bit); }
bool oneWireReadBit(int pin) { return bitbang::oneWireReadBit<IdfIo>(pin); }

// ---------------------------------------------------------------- UART
bool uartBegin(uint8_t port, int rx, int tx, uint32_t baud) {
  uart_port_t uart;
  if (!uartPort(port, &uart) || !isPin(rx) || !isPin(tx) || baud == 0) return false;
  const int i = port - 1;
  if (gUartBegun[i]) return gUartRx[i] == rx && gUartTx[i] == tx && gUartBaud[i] == baud;
  uart_config_t config = {};
  config.baud_rate = static_cast<int>(baud);
  config.data_bits = UART_DATA_8_BITS;
  config.parity = UART_PARITY_DISABLE;
  config.stop_bits = UART_STOP_BITS_1;
  config.flow_ctrl = UART_HW_FLOWCTRL_DISABLE;
  config.source_clk = UART_SCLK_DEFAULT;
  if (uart_driver_install(uart, kUartRxBufferBytes, 0, 0, nullptr, 0) != ESP_OK) return false;
  if (uart_param_config(uart, &config) != ESP_OK ||
      uart_set_pin(uart, tx, rx, UART_PIN_NO_CHANGE, UART_PIN_NO_CHANGE) != ESP_OK) {
    uart_driver_delete(uart);
    return false;
  }
  gUartBegun[i] = true;
  gUartRx[i] = rx;
  gUartTx[i] = tx;
  gUartBaud[i] = baud;
  return true;
}

size_t uartRead(uint8_t port, uint8_t* data, size_t capacity) {
  uart_port_t uart;
  if (!uartPort(port, &uart) || !gUartBegun[port - 1] || capacity == 0) return 0;
  const int n = uart_read_bytes(uart, data, static_cast<uint32_t>(capacity), 0);  // 0 ticks: what is there
  return n > 0 ? static_cast<size_t>(n) : 0;
}

size_t uartWrite(uint8_t port, const uint8_t* data, size_t length) {
  uart_port_t uart;
  if (!uartPort(port, &uart) || !gUartBegun[port - 1] || length == 0) return 0;
  const int n = uart_tx_chars(uart, reinterpret_cast<const char*>(data), static_cast<uint32_t>(length));
  return n > 0 ? static_cast<size_t>(n) : 0;
}

// ---------------------------------------------------------------- pulse counters
bool pulseBegin(uint8_t unit, int pin, Pull pull, Edge edge, uint32_t debounceUs) {
  if (unit >= bus::kPulseUnits || !isPin(pin)) return false;
  bus::PulseUnit& u = gPulse[unit];
  if (u.begun) return bus::pulseUnitMatches(u, pin, edge);
  bus::pulseUnitStart(u, pin, edge, debounceUs);
  if (esp32::pcntBegin(unit, pin, pull, edge, debounceUs)) {
    u.hardware = true;
    u.begun = true;
    return true;
  }
  // In software: the edges wanted, or with a debounce every change for the filter to judge.
  const bool debounce = debounceUs > 0;
  if (!configurePin(pin, GPIO_MODE_INPUT, pull, debounce ? GPIO_INTR_ANYEDGE : interruptType(edge))) return false;
  if (!attachHandler(pin, debounce ? onPulseChange : onPulseEdge, &u)) return false;
  u.begun = true;
  return true;
}

uint32_t pulseCount(uint8_t unit) {
  if (unit >= bus::kPulseUnits || !gPulse[unit].begun) return 0;
  bus::PulseUnit& u = gPulse[unit];
  if (u.hardware) return esp32::pcntCount(unit);
  portENTER_CRITICAL(&gPulseLock);
  const uint32_t count = bus::pulseUnitRead(u, nowUs());
  portEXIT_CRITICAL(&gPulseLock);
  return count;
}

// ---------------------------------------------------------------- GPIO
bool gpioInput(int pin, Pull pull) { return configurePin(pin, GPIO_MODE_INPUT, pull, GPIO_INTR_DISABLE); }

int gpioRead(int pin) { return isPin(pin) && gpio_get_level(gpio(pin)) != 0 ? 1 : 0; }

// Input enabled too, so a pin's level reads back as on the Arduino cores.
bool gpioOutput(int pin) { return configurePin(pin, GPIO_MODE_INPUT_OUTPUT, Pull::None, GPIO_INTR_DISABLE); }

void gpioWrite(int pin, bool level) {
  if (isPin(pin)) gpio_set_level(gpio(pin), level ? 1 : 0);
}

// ---------------------------------------------------------------- DHT, HX711
BusResult dhtReadFrame(int pin, uint8_t frame[5]) {
  // The driver drove the start signal; releasing the line to the pull-up ends it.
  if (!gpioInput(pin, Pull::Up)) return BusResult::Error;
  return bitbang::dhtReadFrame<IdfIo>(pin, frame);
}

BusResult hx711Read(int dout, int sck, uint8_t gainPulses, int32_t* raw) {
  if (!isPin(dout) || !isPin(sck)) return BusResult::Error;
  return bitbang::hx711Read<IdfIo>(dout, sck, gainPulses, raw);
}

// ---------------------------------------------------------------- echo
bool echoBegin(int trigger, int echo) {
  if (!isPin(trigger) || !isPin(echo) || trigger == echo) return false;
  bool fresh = false;
  bus::EchoPin* pin = gEcho.claim(trigger, echo, &fresh);
  if (pin == nullptr || !fresh) return pin != nullptr;
  if (!configurePin(trigger, GPIO_MODE_OUTPUT, Pull::None, GPIO_INTR_DISABLE) ||
      !configurePin(echo, GPIO_MODE_INPUT, Pull::None, GPIO_INTR_ANYEDGE) || !attachHandler(echo, onEchoChange, pin)) {
    gEcho.release(pin);
    return false;
  }
  gpio_set_level(gpio(trigger), 0);
  return true;
}

void echoTrigger(int trigger, int echo) {
  bus::EchoPin* pin = gEcho.sensor(trigger, echo);
  if (pin == nullptr) return;
  bus::echoArm(pin->timer, nowUs());
  gpio_set_level(gpio(trigger), 1);
  esp_rom_delay_us(10);
  gpio_set_level(gpio(trigger), 0);
}

int echoPoll(int echo, uint32_t timeoutUs, uint32_t* highUs) {
  bus::EchoPin* pin = gEcho.find(echo);
  return pin != nullptr ? bus::echoResult(pin->timer, nowUs(), timeoutUs, highUs) : -1;
}

}  // namespace platform
}  // namespace harbor
