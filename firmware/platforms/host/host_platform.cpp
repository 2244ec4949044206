// harbor/platform.h for the host: a virtual clock, deterministic sensors,
// stdout as the serial console. Single-threaded, so runs are reproducible.
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "harbor/civil_time.h"
#include "harbor/platform.h"
#include "harbor/runtime.h"
#include "host_state.h"

namespace harbor {
namespace host {

namespace {

const double kTwoPi = 6.283185307179586;
const uint64_t kIdleSliceMs = 60000;  // when nothing is scheduled at all

uint64_t gVirtualMs = 0;
int64_t gStartUtcMs = 0;
uint64_t gRealStartMs = 0;
uint64_t gRandomState = 1;
bool gStopped = false;
uint64_t gStoppedAtMs = 0;
platform::Indicator gShownIndicator = platform::Indicator::Ok;
volatile sig_atomic_t gSignal = 0;

uint64_t realNowMs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000 + static_cast<uint64_t>(ts.tv_nsec) / 1000000;
}

int64_t wallClockMs() {
  struct timeval tv;
  gettimeofday(&tv, 0);
  return static_cast<int64_t>(tv.tv_sec) * 1000 + tv.tv_usec / 1000;
}

void sleepMs(double ms) {
  if (ms <= 0) return;
  struct timespec ts;
  ts.tv_sec = static_cast<time_t>(ms / 1000);
  ts.tv_nsec = static_cast<long>(fmod(ms, 1000.0) * 1000000);
  nanosleep(&ts, 0);  // a signal cuts it short; idleUntil then looks at gSignal
}

void onSignal(int signal) { gSignal = signal; }

double wave(double base, double amplitude, double periodMs) {
  return base + amplitude * sin(kTwoPi * static_cast<double>(gVirtualMs % static_cast<uint64_t>(periodMs)) /
                                periodMs);
}

}  // namespace

uint64_t virtualNowMs() { return gVirtualMs; }
void advanceVirtualMs(uint64_t ms) { gVirtualMs += ms; }
int64_t virtualUtcMs() { return gStartUtcMs + static_cast<int64_t>(gVirtualMs); }
uint64_t realElapsedMs() { return realNowMs() - gRealStartMs; }

void finish(const char* reason, int exitCode) {
  Device* device = Device::current();
  Stats s;
  memset(&s, 0, sizeof s);
  bool drained = false;
  if (device != 0) {
    s = device->stats();
    drained = device->drained();
  }
  printf("HARBOR_SIMULATE_SUMMARY {\"reason\":\"%s\",\"drained\":%s,\"sampled\":%lu,"
         "\"delivered\":%lu,\"dropped\":%lu,\"rejected\":%lu,\"readFailures\":%lu,"
         "\"buffered\":%lu,\"requests\":%lu,\"sendFailures\":%lu,\"connections\":%lu,"
         "\"virtualMs\":%llu,\"realMs\":%llu}\n",
         reason, drained ? "true" : "false", static_cast<unsigned long>(s.sampled),
         static_cast<unsigned long>(s.delivered), static_cast<unsigned long>(s.dropped),
         static_cast<unsigned long>(s.rejected), static_cast<unsigned long>(s.readFailures),
         static_cast<unsigned long>(s.buffered), static_cast<unsigned long>(s.requests),
         static_cast<unsigned long>(s.sendFailures),
         static_cast<unsigned long>(connectionsOpened()),
         static_cast<unsigned long long>(gVirtualMs),
         static_cast<unsigned long long>(realElapsedMs()));
  fflush(stdout);
  httpEnd();
  exit(exitCode);
}

}  // namespace host

namespace platform {

void begin(const DeviceConfig& config) {
  const host::Options& o = host::options();
  host::gRealStartMs = host::realNowMs();
  host::gStartUtcMs = o.startUtcMs >= 0 ? o.startUtcMs : host::wallClockMs();
  host::gRandomState = o.seed * 0x9E3779B97F4A7C15ULL + 1;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = host::onSignal;
  sigaction(SIGINT, &action, 0);
  sigaction(SIGTERM, &action, 0);
  setvbuf(stdout, 0, _IOLBF, 0);

  char start[25];
  formatRfc3339(host::gStartUtcMs, start);
  char speed[32];
  if (o.speed > 0) {
    snprintf(speed, sizeof speed, "%g", o.speed);
  } else {
    snprintf(speed, sizeof speed, "max");
  }
  char line[512];
  snprintf(line, sizeof line, "[host] virtual clock from %s, speed %s, clock synced after %llu ms%s%s",
           start, speed, static_cast<unsigned long long>(o.sntpDelayMs),
           o.endpoint.empty() ? "" : ", endpoint ", o.endpoint.c_str());
  log(line);
  host::httpBegin(config);
}

uint64_t monotonicMs() { return host::gVirtualMs; }

bool utcOffsetMs(int64_t* offsetMs) {
  if (host::gVirtualMs < host::options().sntpDelayMs) return false;
  *offsetMs = host::gStartUtcMs;
  return true;
}

bool networkUp() { return true; }
void maintainNetwork() {}

// xorshift64*: seeded, so the backoff jitter of a run can be replayed.
uint32_t random32() {
  uint64_t x = host::gRandomState;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  host::gRandomState = x;
  return static_cast<uint32_t>((x * 0x2545F4914F6CDD1DULL) >> 32);
}

void log(const char* line) {
  fputs(line, stdout);
  fputc('\n', stdout);
  fflush(stdout);
}

void feedWatchdog() {}

void macHex(char out[13]) {
  snprintf(out, 13, "%s", host::options().mac.c_str());
}

// Deterministic waveforms of virtual time, so a run can be compared with another.
bool readBuiltin(Source source, double* value) {
  switch (source) {
    case Source::WifiRssi:
      *value = floor(host::wave(-62, 6, 300000) + 0.5);
      return true;
    case Source::FreeHeap:
      *value = 180000 - static_cast<double>(host::gVirtualMs / 1000 % 600) * 16;
      return true;
    case Source::ChipTemperature:
      *value = floor(host::wave(42, 2.5, 900000) * 10 + 0.5) / 10;
      return true;
    default:
      return false;
  }
}

bool readAnalogMillivolts(int pin, double* millivolts) {
  const double period = 120000 + 1000 * (pin < 0 ? 0 : pin);
  *millivolts = floor(host::wave(1650, 1200, period) + 0.5);
  return true;
}

void indicate(Indicator state) {
  // Sending flickers with every batch; only lasting states are shown.
  if (state == Indicator::Sending || state == host::gShownIndicator) return;
  host::gShownIndicator = state;
  const char* name = state == Indicator::Ok            ? "ok"
                     : state == Indicator::ConfigError ? "configuration error"
                                                       : "offline";
  char line[64];
  snprintf(line, sizeof line, "[host] status LED: %s", name);
  log(line);
}

bool startSender(void (*)(void*), void*) { return false; }
void lock() {}
void unlock() {}

// The firmware's loop never returns on ESP-IDF, so the end of a run is decided here.
void idleUntil(uint64_t wakeAtMs) {
  const host::Options& o = host::options();
  Device* device = Device::current();
  uint64_t now = host::gVirtualMs;
  // Drained after the last send: stop here, before idling into the future.
  if (host::gStopped && device->drained()) host::finish("drained", 0);
  if (wakeAtMs > now + host::kIdleSliceMs) wakeAtMs = now + host::kIdleSliceMs;
  const bool timed = o.durationMs >= 0 && device != 0;
  if (timed && !host::gStopped && wakeAtMs > static_cast<uint64_t>(o.durationMs)) {
    wakeAtMs = static_cast<uint64_t>(o.durationMs) > now ? static_cast<uint64_t>(o.durationMs) : now;
  }
  if (host::gStopped && wakeAtMs > host::gStoppedAtMs + o.maxDrainMs) {
    wakeAtMs = host::gStoppedAtMs + o.maxDrainMs;
  }
  if (wakeAtMs > now) {
    if (o.speed > 0) host::sleepMs(static_cast<double>(wakeAtMs - now) / o.speed);
    // Interrupted mid-sleep: the summary shows the time reached, not the wake-up time.
    if (host::gSignal != 0) host::finish("interrupted", 128 + host::gSignal);
    host::gVirtualMs = now = wakeAtMs;
  }
  if (host::gSignal != 0) host::finish("interrupted", 128 + host::gSignal);
  if (timed && !host::gStopped && now >= static_cast<uint64_t>(o.durationMs)) {
    host::gStopped = true;
    host::gStoppedAtMs = now;
    device->stopSampling();
    log("[host] duration reached: sampling stopped, draining the buffer");
  }
  if (host::gStopped) {
    if (device->drained()) host::finish("drained", 0);
    if (now - host::gStoppedAtMs >= o.maxDrainMs) host::finish("drain-timeout", 0);
  }
  if (o.maxRealMs > 0 && host::realElapsedMs() >= o.maxRealMs) host::finish("real-time-limit", 0);
}

void restart() {
  log("[host] restart requested: the host build exits instead");
  host::finish("restart", 0);
}

}  // namespace platform
}  // namespace harbor
