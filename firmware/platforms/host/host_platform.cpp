// harbor/platform.h for the host: a virtual clock with a small scheduler,
// deterministic built-in readings, stdout as the serial console.
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <condition_variable>
#include <mutex>
#include <string>

#include "harbor/civil_time.h"
#include "harbor/device.h"
#include "harbor/platform.h"
#include "harbor/uplink.h"
#include "host_models.h"
#include "host_state.h"


namespace harbor {
namespace host {

namespace {

const double kTwoPi = 6.283185307179586;
const uint64_t kIdleSliceMs = 60000;  // when nothing is scheduled at all
const uint64_t kNever = ~static_cast<uint64_t>(0);
// A cut meant to land in a flash write falls anyway this long after its time
// when no write comes.
const uint64_t kTearGraceMs = 60000;
// The program's main thread, and the second one: the sender task, or the
// Pico W's core 1 (setup1/loop1).
const int kLoopThread = 0;
const int kSenderThread = 1;
const int kNobody = -1;

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

// ---------------------------------------------------------------- the scheduler
// One thread holds the CPU (`running`) at a time. When every thread idles and
// none waits on I/O, virtual time jumps to the earliest wake-up (sleeping
// `(jump) / speed` real ms first, unless the speed is max); while a thread
// waits on I/O, virtual time runs with real time and the other thread may run.
// Ties go to the loop thread, so a run is the same every time.
struct ThreadState {
  bool exists;
  bool idle;
  uint64_t wakeMs;
};

struct Scheduler {
  std::mutex mutex;
  std::condition_variable changed;
  uint64_t virtualMs = 0;
  int inIo = 0;
  uint64_t ioBaseVirtualMs = 0;
  uint64_t ioBaseRealMs = 0;
  int running = kLoopThread;
  ThreadState threads[2] = {{true, false, 0}, {false, false, 0}};
};

Scheduler gScheduler;
thread_local int tSelf = kLoopThread;
std::mutex gRingMutex;

int64_t gStartUtcMs = 0;
uint64_t gRealStartMs = 0;
uint64_t gRandomState = 1;
bool gStopped = false;
uint64_t gStoppedAtMs = 0;
platform::Indicator gShownIndicator = platform::Indicator::Ok;
volatile sig_atomic_t gSignal = 0;
bool gHaveClock = false;  // begin() has run: the run's options are in force
bool gTornWrite = false;  // the power cut tore a flash page write
uint64_t gSleepMs = 0;     // the run ended in deep sleep for this long
uint32_t gWifiJoins = 0;
uint32_t gFastJoins = 0;     // joins that went straight to a remembered access point
bool gApPreferred = false;

// Virtual now; caller holds gScheduler.mutex.
uint64_t nowLocked() {
  Scheduler& s = gScheduler;
  if (s.inIo > 0) return s.ioBaseVirtualMs + (realNowMs() - s.ioBaseRealMs) * options().ioScale;
  return s.virtualMs;
}

bool mayRun(int self, uint64_t now) {
  const Scheduler& s = gScheduler;
  if (s.running != kNobody && s.running != self) return false;
  if (now < s.threads[self].wakeMs) return false;
  // The loop thread goes first when both are due.
  const ThreadState& loop = s.threads[kLoopThread];
  return !(self == kSenderThread && loop.idle && loop.wakeMs <= now);
}

// Every thread there is has idled; caller holds gScheduler.mutex.
bool everyoneIdles() {
  const Scheduler& s = gScheduler;
  for (int t = 0; t < 2; ++t) {
    if (s.threads[t].exists && !s.threads[t].idle) return false;
  }
  return true;
}

void onSignal(int signal) { gSignal = signal; }

double wave(double base, double amplitude, double periodMs) {
  return base + amplitude * sin(kTwoPi * static_cast<double>(virtualNowMs() % static_cast<uint64_t>(periodMs)) /
                                periodMs);
}

// The end-of-run rules, checked each time a thread idles: duration reached,
// drained, drain bound, real-time bound, a signal.
void checkRun(uint64_t now) {
  const Options& o = options();
  if (gSignal != 0) finish("interrupted", 128 + gSignal);
  if (!gHaveClock) return;
  Uplink* uplink = Uplink::current();
  if (o.durationMs >= 0 && !gStopped && now >= static_cast<uint64_t>(o.durationMs)) {
    gStopped = true;
    gStoppedAtMs = now;
    if (Device::current() != 0) Device::current()->stopSampling();
    if (uplink != 0) uplink->drain();
    platform::log("[host] duration reached: sampling stopped, draining the buffer");
  }
  if (gStopped && uplink != 0) {
    if (uplink->drained()) finish("drained", 0);
    // The Harbor refused the key or the harbor id, and the next try comes after the bound.
    if (uplink->inConfigError() && uplink->retryAtMs() > gStoppedAtMs + o.maxDrainMs) finish("config-error", 1);
    if (now - gStoppedAtMs >= o.maxDrainMs) finish("drain-timeout", 1);
  }
  if (o.maxRealMs > 0 && realElapsedMs() >= o.maxRealMs) finish("real-time-limit", 1);
  if (o.powerCutAtMs != kNever && now >= o.powerCutAtMs && (!o.powerCutInWrite || now >= o.powerCutAtMs + kTearGraceMs)) {
    powerCut(false);
  }
}

// Caps a wake-up at the moments checkRun() must see.
uint64_t capWake(uint64_t wakeAtMs, uint64_t now) {
  const Options& o = options();
  if (wakeAtMs > now + kIdleSliceMs) wakeAtMs = now + kIdleSliceMs;
  if (o.durationMs >= 0 && !gStopped && wakeAtMs > static_cast<uint64_t>(o.durationMs)) {
    wakeAtMs = static_cast<uint64_t>(o.durationMs) > now ? static_cast<uint64_t>(o.durationMs) : now;
  }
  if (gStopped && wakeAtMs > gStoppedAtMs + o.maxDrainMs) wakeAtMs = gStoppedAtMs + o.maxDrainMs;
  if (o.powerCutAtMs != kNever) {
    const uint64_t cut = o.powerCutAtMs + (o.powerCutInWrite ? kTearGraceMs : 0);
    if (cut > now && cut < wakeAtMs) wakeAtMs = cut;
  }
  for (size_t i = 0; i < o.wifiDown.size(); ++i) {
    const Window& w = o.wifiDown[i];
    if (w.fromMs > now && w.fromMs < wakeAtMs) wakeAtMs = w.fromMs;
    if (w.toMs > now && w.toMs < wakeAtMs) wakeAtMs = w.toMs;
  }
  return wakeAtMs;
}

void* senderThreadMain(void* arg);

struct SenderStart {
  void (*task)(void*);
  void* arg;
};
SenderStart gSenderStart;

}  // namespace

void startClock() {
  gScheduler.virtualMs = options().bootAtMs;
  gScheduler.threads[kLoopThread].wakeMs = options().bootAtMs;
}

uint32_t& flashPageWrites() {
  static uint32_t writes = 0;
  return writes;
}

bool powerCutTearsWrite(size_t bytes, size_t* torn) {
  const Options& o = options();
  if (!o.powerCutInWrite || o.powerCutAtMs == kNever || virtualNowMs() < o.powerCutAtMs) return false;
  // How far the write got: its own seeded draw, so the firmware's random numbers stay as they were.
  uint64_t x = (o.seed + 1) * 0x9E3779B97F4A7C15ULL ^ o.powerCutAtMs;
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  *torn = static_cast<size_t>(x % bytes);
  return true;
}

void powerCut(bool inWrite) {
  gTornWrite = inWrite;
  // The write's caller holds the buffer's lock; the summary takes it to count.
  if (inWrite) platform::unlock();
  platform::log(inWrite ? "[host] power cut during a flash page write" : "[host] power cut");
  finish("power-cut", 0);
}

uint64_t virtualNowMs() {
  std::lock_guard<std::mutex> lock(gScheduler.mutex);
  return nowLocked();
}

int64_t virtualUtcMs() { return gStartUtcMs + static_cast<int64_t>(virtualNowMs()); }
uint64_t realElapsedMs() { return realNowMs() - gRealStartMs; }

int realTimeoutMs(uint64_t virtualMs) {
  const uint64_t real = virtualMs / options().ioScale;
  return static_cast<int>(real > 0 ? real : 1);
}
bool samplingStopped() { return gStopped; }

void idleThread(uint64_t wakeAtMs) {
  Scheduler& s = gScheduler;
  std::unique_lock<std::mutex> lock(s.mutex);
  const int self = tSelf;
  checkRun(nowLocked());
  ThreadState& me = s.threads[self];
  me.wakeMs = capWake(wakeAtMs, nowLocked());
  me.idle = true;
  if (s.running == self) s.running = kNobody;
  s.changed.notify_all();
  for (;;) {
    if (gSignal != 0) finish("interrupted", 128 + gSignal);
    const uint64_t now = nowLocked();
    if (mayRun(self, now)) break;
    if (s.inIo > 0 || s.running != kNobody || !everyoneIdles()) {
      // Another thread runs or waits on I/O (time flows), or waits to hold the CPU again after I/O
      // (endIo): look again soon. Jumping past the last would starve it: at --speed max this thread
      // would take the CPU again within one hold of the mutex, every time (a drain-timeout in CI).
      s.changed.wait_for(lock, std::chrono::milliseconds(now < me.wakeMs && s.inIo > 0 ? (me.wakeMs - now < 20 ? me.wakeMs - now : 20) : 20));
      continue;
    }
    // Everyone idles: jump to the earliest wake-up.
    uint64_t next = kNever;
    for (int t = 0; t < 2; ++t) {
      if (s.threads[t].exists && s.threads[t].idle && s.threads[t].wakeMs < next) next = s.threads[t].wakeMs;
    }
    if (next > now) {
      if (options().speed > 0) {
        const uint64_t until = realNowMs() + static_cast<uint64_t>(static_cast<double>(next - now) / options().speed);
        while (realNowMs() < until && gSignal == 0) {
          const uint64_t left = until - realNowMs();
          s.changed.wait_for(lock, std::chrono::milliseconds(left < 50 ? left : 50));
        }
        if (gSignal != 0) finish("interrupted", 128 + gSignal);
      }
      s.virtualMs = next;
      checkRun(next);
      s.changed.notify_all();
    } else {
      // Another thread is due now: let it take the CPU.
      s.changed.notify_all();
      s.changed.wait_for(lock, std::chrono::milliseconds(20));
    }
  }
  me.idle = false;
  s.running = self;
}

void beginIo() {
  Scheduler& s = gScheduler;
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.inIo++ == 0) {
    s.ioBaseVirtualMs = s.virtualMs;
    s.ioBaseRealMs = realNowMs();
  }
  if (s.running == tSelf) s.running = kNobody;
  s.changed.notify_all();
}

void endIo() {
  Scheduler& s = gScheduler;
  std::unique_lock<std::mutex> lock(s.mutex);
  s.virtualMs = nowLocked();
  if (--s.inIo > 0) {
    s.ioBaseVirtualMs = s.virtualMs;
    s.ioBaseRealMs = realNowMs();
  }
  s.changed.notify_all();
  // Back to holding the CPU, once the other thread has idled.
  while (s.running != kNobody && s.running != tSelf) s.changed.wait(lock);
  s.running = tSelf;
}

namespace {

void* senderThreadMain(void*) {
  tSelf = kSenderThread;
  {
    Scheduler& s = gScheduler;
    std::unique_lock<std::mutex> lock(s.mutex);
    s.threads[kSenderThread].exists = true;
    s.threads[kSenderThread].idle = true;
    s.threads[kSenderThread].wakeMs = nowLocked();
    s.changed.notify_all();
  }
  // Wait for the CPU like any idle thread, then run the task for good.
  idleThread(virtualNowMs());
  gSenderStart.task(gSenderStart.arg);
  return 0;
}

}  // namespace

bool startSecondThread(void (*task)(void*), void* arg) {
  gSenderStart.task = task;
  gSenderStart.arg = arg;
  pthread_t thread;
  if (pthread_create(&thread, 0, senderThreadMain, 0) != 0) return false;
  pthread_detach(thread);
  // Registered before the loop idles again, so the first jump counts it.
  std::unique_lock<std::mutex> lock(gScheduler.mutex);
  gScheduler.changed.wait(lock, [] { return gScheduler.threads[kSenderThread].exists; });
  return true;
}

void finish(const char* reason, int exitCode) {
  Uplink* uplink = Uplink::current();
  Stats s;
  memset(&s, 0, sizeof s);
  bool drained = false;
  if (uplink != 0) {
    s = uplink->stats();
    drained = s.buffered == 0 && gStopped;
  }
  std::string stepUs;
  for (size_t i = 0; i < labelledSensors(); ++i) {
    if (i > 0) stepUs += ",";
    stepUs += std::to_string(longestStepUs(i));
  }
  printf("HARBOR_SIMULATE_SUMMARY {\"reason\":\"%s\",\"drained\":%s,\"sampled\":%lu,"
         "\"delivered\":%lu,\"dropped\":%lu,\"rejected\":%lu,\"missed\":%lu,\"readFailures\":%lu,"
         "\"refused\":%lu,\"buffered\":%lu,\"requests\":%lu,\"sendFailures\":%lu,\"connections\":%lu,"
         "\"virtualMs\":%llu,\"realMs\":%llu,\"sensorStepUs\":[%s],\"unpersisted\":%lu,"
         "\"flashWrites\":%lu,\"tornWrite\":%s,\"sleepMs\":%llu,\"wifiJoins\":%lu,\"fastJoins\":%lu,%s}\n",
         reason, drained ? "true" : "false", static_cast<unsigned long>(s.sampled),
         static_cast<unsigned long>(s.delivered), static_cast<unsigned long>(s.dropped),
         static_cast<unsigned long>(s.rejected), static_cast<unsigned long>(s.missed),
         static_cast<unsigned long>(s.readFailures), static_cast<unsigned long>(s.refused),
         static_cast<unsigned long>(s.buffered), static_cast<unsigned long>(s.requests),
         static_cast<unsigned long>(s.sendFailures), static_cast<unsigned long>(connectionsOpened()),
         static_cast<unsigned long long>(gScheduler.virtualMs),
         static_cast<unsigned long long>(realElapsedMs()), stepUs.c_str(), static_cast<unsigned long>(s.unpersisted),
         static_cast<unsigned long>(flashPageWrites()), gTornWrite ? "true" : "false",
         static_cast<unsigned long long>(gSleepMs), static_cast<unsigned long>(gWifiJoins), static_cast<unsigned long>(gFastJoins), exchangesJson().c_str());
  fflush(stdout);
  // No destructors or atexit handlers: the sender thread may be inside libcurl.
  _exit(exitCode);
}

}  // namespace host

namespace platform {

void beginUplink(const UplinkConfig& config) {
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
  char sntp[48];
  if (o.sntpDelayMs == ~static_cast<uint64_t>(0)) {
    snprintf(sntp, sizeof sntp, "SNTP never answers");
  } else {
    snprintf(sntp, sizeof sntp, "clock synced after %llu ms", static_cast<unsigned long long>(o.sntpDelayMs));
  }
  char line[512];
  snprintf(line, sizeof line, "[host] virtual clock from %s, speed %s, %s, %s%s%s", start, speed, sntp,
           o.senderTask ? "sender task" : "single-threaded", o.endpoint.empty() ? "" : ", endpoint ",
           o.endpoint.c_str());
  log(line);
  host::httpBegin(config);
  host::gHaveClock = true;
}

uint64_t monotonicMs() { return host::virtualNowMs(); }

bool utcOffsetMs(int64_t* offsetMs) {
  // SNTP answers this long after each boot.
  if (host::virtualNowMs() - host::options().bootAtMs < host::options().sntpDelayMs) return false;
  *offsetMs = host::gStartUtcMs;
  return true;
}

bool networkUp() {
  const uint64_t now = host::virtualNowMs();
  const std::vector<host::Window>& down = host::options().wifiDown;
  for (size_t i = 0; i < down.size(); ++i) {
    if (now >= down[i].fromMs && now < down[i].toMs) return false;
  }
  return true;
}

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

void macHex(char out[13]) { snprintf(out, 13, "%s", host::options().mac.c_str()); }

bool startSender(void (*task)(void*), void* arg) {
  if (!host::options().senderTask) return false;
  return host::startSecondThread(task, arg);
}

void lock() { host::gRingMutex.lock(); }
void unlock() { host::gRingMutex.unlock(); }

void idleUntil(uint64_t wakeAtMs) { host::idleThread(wakeAtMs); }

void restart() {
  log("[host] restart requested: the host build exits instead");
  host::finish("restart", 1);
}

void beginConsole() {}
void beginWatchdog() {}
void beginWifi(const char*, const char*) {
  ++host::gWifiJoins;
  if (host::gApPreferred) ++host::gFastJoins;
}

// One access point, as the host has one network.
bool wifiAccessPoint(uint8_t bssid[6], uint8_t* channel) {
  if (!networkUp()) return false;
  static const uint8_t kBssid[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
  memcpy(bssid, kBssid, sizeof kBssid);
  *channel = 6;
  return true;
}

void preferAccessPoint(const uint8_t bssid[6], uint8_t channel) {
  host::gApPreferred = channel == 6 && bssid[5] == 0x01;
}

// RTC memory as a file: the orchestrator keeps it across a deep sleep and
// deletes it at a power cut (src/simulate/boots.ts).
size_t rtcBytes() { return host::options().rtcFile.empty() ? 0 : 4096; }

bool rtcRead(void* out, size_t bytes) {
  FILE* f = fopen(host::options().rtcFile.c_str(), "rb");
  if (f == 0) return false;
  const bool ok = fread(out, 1, bytes, f) > 0;
  fclose(f);
  return ok;
}

bool rtcWrite(const void* data, size_t bytes) {
  FILE* f = fopen(host::options().rtcFile.c_str(), "wb");
  if (f == 0) return false;
  const bool ok = fwrite(data, 1, bytes, f) == bytes;
  fclose(f);
  return ok;
}

void deepSleep(uint64_t ms) {
  host::gSleepMs = ms;
  log("[host] deep sleep: the process ends; the next run is the wake");
  host::finish("deep-sleep", 0);
}
void maintainNetwork() {}

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

// Deterministic waveforms of virtual time, so a run can be compared with another.
bool readBuiltin(Builtin what, double* value) {
  switch (what) {
    case Builtin::WifiRssi:
      if (!networkUp()) return false;
      *value = floor(host::wave(-62, 6, 300000) + 0.5);
      return true;
    case Builtin::FreeHeap:
      *value = 180000 - static_cast<double>(host::virtualNowMs() / 1000 % 600) * 16;
      return true;
    case Builtin::ChipTemperature:
      *value = floor(host::wave(42, 2.5, 900000) * 10 + 0.5) / 10;
      return true;
    default:
      return false;
  }
}

}  // namespace platform
}  // namespace harbor
