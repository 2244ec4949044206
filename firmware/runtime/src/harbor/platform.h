// The seam between the portable runtime and a platform. Each platform
// (lib/harbor_platform: arduino-esp32, espidf, esp8266, picow, host) defines
// every function below once; the runtime calls nothing else of the outside world.
// Link-time selection keeps the runtime free of virtual calls and #ifdefs.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/device.h"

namespace harbor {
namespace platform {

// Bring up serial, Wi-Fi (non-blocking: connection proceeds in the background),
// SNTP and the watchdog. Must return quickly.
void begin(const DeviceConfig& config);

// Milliseconds since boot, never wrapping.
uint64_t monotonicMs();

// True once the wall clock is synced; then utc_ms = monotonicMs() + *offsetMs.
bool utcOffsetMs(int64_t* offsetMs);

// True when the network has an IP address and a send may be attempted.
bool networkUp();

// Called every loop: reconnect with jittered backoff, restart the radio after
// minutes without an IP. Never blocks for long.
void maintainNetwork();

// Uniformly distributed 32-bit random number (hardware RNG on boards).
uint32_t random32();

// One line on the serial console (no trailing newline in `line`).
void log(const char* line);

void feedWatchdog();

// The board's MAC address as 12 lowercase hex digits plus NUL.
void macHex(char out[13]);

// Built-in readings: WifiRssi, FreeHeap and ChipTemperature (the runtime computes the
// other sources itself). False when the board cannot read it (e.g. no temperature sensor).
bool readBuiltin(Source source, double* value);
bool readAnalogMillivolts(int pin, double* millivolts);

enum class Indicator : uint8_t { Ok, Sending, ConfigError, Offline };
// Status LED where the board has one; a no-op elsewhere.
void indicate(Indicator state);

enum class TransportError : uint8_t { None, Connect, Tls, Timeout, Closed, Other };

struct HttpResponse {
  int status;                 // HTTP status, or 0 when the exchange failed (see error)
  TransportError error;
  char retryAfter[40];        // Retry-After header value as received, "" when absent
};

// POST `body` (Content-Type: application/json, X-API-Key header) to `url`,
// reusing the kept-alive (TLS) connection when the platform has one open.
// Connect <= 5 s, TLS handshake <= 10 s, read <= 10 s. Returns the response.
HttpResponse httpPost(const char* url, const char* apiKey, const char* body, size_t length);

// Sending runs in its own task where the platform has tasks, so sampling never
// waits on the network. startSender returns false when the platform runs
// single-threaded; then the runtime sends from loop() between samples.
bool startSender(void (*task)(void* arg), void* arg);

// Guards the ring buffer between the sampling loop and the sender task.
void lock();
void unlock();

// Give the CPU away until `wakeAtMs` (monotonic) or a short slice, whichever first.
void idleUntil(uint64_t wakeAtMs);

// Reboot the board (persisted data survives). The host build exits instead.
void restart();

}  // namespace platform
}  // namespace harbor
