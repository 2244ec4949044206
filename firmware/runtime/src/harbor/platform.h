// The seam between the portable runtime and a platform. Each platform
// (lib/harbor_platform: arduino-esp32, espidf, esp8266, picow, host) defines
// every function below once; the runtime calls nothing else of the outside world.
// Link-time selection keeps the runtime free of virtual calls and #ifdefs.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace harbor {

struct UplinkConfig;
class PageStore;

namespace platform {

// ---------------------------------------------------------------- the uplink
// What a harbor::Uplink needs, whoever owns Wi-Fi: HTTP and TLS set up from
// `config`, SNTP started (unless the program already set the clock up), the
// clock. Must return quickly and must not touch Wi-Fi.
void beginUplink(const UplinkConfig& config);

// Milliseconds since boot, never wrapping.
uint64_t monotonicMs();

// True once SNTP has set the wall clock; then utc_ms = monotonicMs() + *offsetMs.
bool utcOffsetMs(int64_t* offsetMs);

// True when the station has an IP address, whoever brought it up: the
// adapter's own Wi-Fi (beginWifi) or the user's sketch.
bool networkUp();

// Uniformly distributed 32-bit random number (hardware RNG on boards).
uint32_t random32();

// One line on the serial console (no trailing newline in `line`).
void log(const char* line);

// The board's MAC address as 12 lowercase hex digits plus NUL.
void macHex(char out[13]);

enum class TransportError : uint8_t { None, Connect, Tls, Timeout, Closed, Other };

struct HttpResponse {
  int status;                 // HTTP status, or 0 when the exchange failed (see error)
  TransportError error;
  // Requests written in full: 2 when the adapter found its kept-alive connection
  // dead after writing and tried once more on a fresh one, 0 when none was.
  uint8_t attempts;
  char retryAfter[40];        // Retry-After header value as received, "" when absent
  char date[40];              // Date header value as received, "" when absent
};

// POST `body` (Content-Type: application/json, X-API-Key header) to `url`,
// reusing the kept-alive (TLS) connection when the platform has one open. The
// request goes out in one write. Connect <= 5 s, TLS handshake <= 10 s,
// read <= 10 s. `url` and `apiKey` may live in HARBOR_FLASH (flash_data.h).
HttpResponse httpPost(const char* url, const char* apiKey, const char* body, size_t length);

// Sending runs in its own task where the platform has one (the ESP32's sender
// task, the Pico W's second core when the program gives it up), so sampling
// never waits on the network: `task(arg)` then runs there and never returns.
// False when the platform runs single-threaded; then the runtime sends from loop().
bool startSender(void (*task)(void* arg), void* arg);

// Guards the buffer between the sampling loop and the sender task. Not recursive.
void lock();
void unlock();

// Give the CPU away until `wakeAtMs` (monotonic) or a short slice, whichever first.
void idleUntil(uint64_t wakeAtMs);

void feedWatchdog();

// Reboot the board (persisted data survives). The host build exits instead.
void restart();

// ---------------------------------------------------------------- flash
// The pages of the flash buffer (page_store.h, flash_ring.h): `count` pages of
// `bytes` each, in a LittleFS file on the Arduino cores, a file on the host.
// Only a project with --storage flash calls it (ESP-IDF defines none yet).
// Safe to call before setup(): nothing is touched until begin().
PageStore& flashPages(uint32_t count, size_t bytes);

// ---------------------------------------------------------------- deep sleep
// Memory that outlives deep sleep but not a power cut (RTC memory): rtcBytes()
// of it, 0 where the board keeps none (then deep sleep is not offered).
size_t rtcBytes();
bool rtcRead(void* out, size_t bytes);
bool rtcWrite(const void* data, size_t bytes);
// Sleeps `ms`, then the board starts again from the top (setup() or app_main()).
void deepSleep(uint64_t ms);
// The access point joined (BSSID and channel), false when none; and the one
// the next join goes straight to, without a scan (a join that fails scans).
bool wifiAccessPoint(uint8_t bssid[6], uint8_t* channel);
void preferAccessPoint(const uint8_t bssid[6], uint8_t channel);

// ---------------------------------------------------------------- the device
// What a generated project adds, owning the board: the console, the watchdog
// over the loop, the status LED, Wi-Fi.
void beginConsole();
void beginWatchdog();
// Joins `ssid` (`password` "" for an open network) in the background; both may
// live in HARBOR_FLASH. Reconnects follow from maintainNetwork().
void beginWifi(const char* ssid, const char* password);
// Called from the network's context (the sender task, or loop() where there is
// none): reconnect with jittered backoff, restart the radio after minutes
// without an IP. Never blocks for long, except where the SDK's join is
// synchronous (Pico W), which is why it runs with the network.
void maintainNetwork();

enum class Indicator : uint8_t { Ok, Sending, ConfigError, Offline };
// Status LED where the board has one; a no-op elsewhere.
void indicate(Indicator state);

// ---------------------------------------------------------------- built-in readings
enum class Builtin : uint8_t { WifiRssi, FreeHeap, ChipTemperature };
// False when the board cannot read it now (no IP for RSSI, no sensor on the chip).
bool readBuiltin(Builtin what, double* value);
// Calibrated where the SDK calibrates (ESP32), else scaled from the raw count.
bool readAnalogMillivolts(int pin, double* millivolts);

// ---------------------------------------------------------------- buses for sensors
// Every call is short: a bus transaction of a few bytes (I2C at 100-400 kHz,
// a 1-Wire bit of ~70 us), never a wait for a conversion; drivers schedule
// those themselves. Pins are the chip's GPIO numbers.
enum class BusResult : uint8_t { Ok, Nack, Timeout, Error };

// I2C bus `bus` (0, 1, ... as the generator numbers them) on `sda`/`scl`.
bool i2cBegin(uint8_t bus, int sda, int scl, uint32_t hz);
// Writes `txLength` bytes to 7-bit `address` (none: skip the write), then, when
// `rxLength` > 0, reads that many with a repeated start. Nack: no device
// acknowledged its address or a byte. Some SDKs cannot tell a NACK from a
// bus timeout (arduino-esp32 2.x after a write-then-read, ESP-IDF's
// i2c_master): those report Nack for both.
BusResult i2cTransfer(uint8_t bus, uint8_t address, const uint8_t* tx, size_t txLength,
                      uint8_t* rx, size_t rxLength);

// 1-Wire on `pin` (open drain with a 4.7k pull-up). Bit-level: the protocol
// above (bytes, ROM search, CRC) is portable code (harbor/bus/one_wire.h).
// No strong pull-up: parasite-powered devices are not supported (power them
// from VDD).
bool oneWireBegin(int pin);
// True when at least one device answered the reset with a presence pulse.
bool oneWireReset(int pin);
void oneWireWriteBit(int pin, bool bit);
bool oneWireReadBit(int pin);

// UART `port` (1, 2, ... as the generator numbers them; never the console) at
// `baud`, 8N1; `rx` and `tx` are both real pins (-1 is refused). Reads and
// writes never block: they move what the FIFO holds (a software UART, the
// ESP8266's, sends by timing each bit and cuts a write to ~2 ms).
bool uartBegin(uint8_t port, int rx, int tx, uint32_t baud);
size_t uartRead(uint8_t port, uint8_t* data, size_t capacity);
size_t uartWrite(uint8_t port, const uint8_t* data, size_t length);

enum class Pull : uint8_t { None, Up, Down };
enum class Edge : uint8_t { Rising, Falling, Both };
// A hardware or interrupt counter of `edge`s on `pin`. An edge counts only when
// the line was steady for `debounceUs` since its previous change, in either
// direction (a contact's bounce when it opens is not a pulse). Call
// pulseCount() at least every 35 minutes: the 32-bit microsecond clock of the
// interrupt counters wraps, and an edge after a wrap could be taken for a bounce.
bool pulseBegin(uint8_t unit, int pin, Pull pull, Edge edge, uint32_t debounceUs);
// Edges counted since pulseBegin(), wrapping at 2^32.
uint32_t pulseCount(uint8_t unit);

bool gpioInput(int pin, Pull pull);
int gpioRead(int pin);  // 0 or 1
bool gpioOutput(int pin);
void gpioWrite(int pin, bool level);

// DHT11/DHT22 frame: the driver has held `pin` low for the start signal
// (gpioOutput + gpioWrite(false), then its own wait); this releases it, waits
// for the sensor's answer and reads the 40 bits, holding the CPU for ~5 ms.
// Timeout when the sensor does not answer (absent), Error on a malformed frame.
BusResult dhtReadFrame(int pin, uint8_t frame[5]);

// HX711 24-bit conversion once DOUT is low (gpioRead(dout) == 0), clocking
// `gainPulses` (25, 26 or 27) pulses on `sck`; holds the CPU < 1 ms. The
// driver sets the pins up first: gpioInput(dout, Pull::None), gpioOutput(sck).
BusResult hx711Read(int dout, int sck, uint8_t gainPulses, int32_t* raw);

// Ultrasonic ranging (HC-SR04, JSN-SR04T): a 10 us pulse on `trigger`, then the
// width of the echo on `echo` is taken by an interrupt, never a busy wait.
bool echoBegin(int trigger, int echo);
void echoTrigger(int trigger, int echo);
// 1 with *highUs once the echo has ended, 0 while it has not, -1 when no echo
// started within `timeoutUs` of the trigger or it lasted longer than that
// (nothing in range, or the line stuck high).
int echoPoll(int echo, uint32_t timeoutUs, uint32_t* highUs);

}  // namespace platform
}  // namespace harbor
