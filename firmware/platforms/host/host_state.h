// Internals shared by the host adapter's files: options, the virtual clock and
// its scheduler, the HTTP client. Not part of the runtime's platform contract.
#pragma once

#include <stdint.h>

#include <map>
#include <string>
#include <vector>

#include "harbor/uplink_types.h"

// The host build passes 0 for projects of single-threaded boards (the ESP8266).
#ifndef HARBOR_HOST_SENDER_TASK
#define HARBOR_HOST_SENDER_TASK 1
#endif

namespace harbor {
namespace host {

struct Window {
  uint64_t fromMs;
  uint64_t toMs;
  bool contains(uint64_t t) const { return t >= fromMs && t < toMs; }
};

struct Options {
  bool help = false;
  int64_t durationMs = -1;             // -1: run until killed
  double speed = 1;                    // 0: as fast as possible ("max")
  std::string endpoint;                // replaces config.baseUrl when set
  int64_t startUtcMs = -1;             // -1: the real time at start
  uint64_t sntpDelayMs = 0;            // the clock is unsynced this long; ~0: SNTP never answers
  uint64_t seed = 1;
  std::string mac = "020000a1b2c3";    // 12 lowercase hex digits (02: locally administered)
  uint64_t maxDrainMs = 24ULL * 3600 * 1000;  // virtual time allowed to drain after --duration
  uint64_t maxRealMs = 0;              // 0: no real-time bound
  bool senderTask = HARBOR_HOST_SENDER_TASK != 0;  // a sender task like the ESP32's; false: from loop() like the ESP8266
  std::vector<Window> wifiDown;        // virtual ms windows without an IP address
  std::string sensorFaults;            // --sensor-faults as given; host_buses.cpp reads it
  // Real ms in HTTP I/O count this many times on the virtual clock, and the
  // boards' timeouts shrink as much in real time: a silent Harbor's 10 s costs
  // 10 virtual seconds, but only 10/ioScale real ones.
  uint64_t ioScale = 1;
  // The flash buffer's file; "": a fresh file of this run only.
  std::string flashFile;
  // This boot starts at this virtual ms: the process is a reboot of one that ran before.
  uint64_t bootAtMs = 0;
  // The power goes at this virtual ms (~0: never); with powerCutInWrite, during
  // the first flash page write from then on, which it tears.
  uint64_t powerCutAtMs = ~0ULL;
  bool powerCutInWrite = false;
  // RTC memory: kept across a deep sleep (the next run), cleared by a power cut.
  std::string rtcFile;
};

Options& options();
// False with `error` set on a bad command line.
bool parseOptions(int argc, char** argv, Options* out, std::string* error);
const char* usage();
// Whether --sensor-faults parses; the faults themselves are read by host_models.h's sensorFaults().
bool checkSensorFaults(const char* text, std::string* problem);

// The virtual clock. Idle time is skipped (or slept at `--speed`); time spent
// in real I/O (an HTTP exchange) passes as it really does (times --io-scale). Two threads at
// most, the loop and the sender task, and only one runs at a time except
// while the other waits on I/O: runs repeat exactly, and sampling goes on
// while the sender waits on the network, as on the boards.
uint64_t virtualNowMs();
int64_t virtualUtcMs();
uint64_t realElapsedMs();
// The calling thread gives up the CPU until virtual `wakeAtMs`.
void idleThread(uint64_t wakeAtMs);
// Around real blocking I/O: the other thread may run meanwhile.
void beginIo();
void endIo();
// Starts `task(arg)` as the second thread (the sender task, or the Pico W's
// core 1); it runs once the loop idles. One at most.
bool startSecondThread(void (*task)(void*), void* arg);
// True once --duration has passed: the loop stops calling the sketch's loop().
bool samplingStopped();

// Sets the virtual clock to --boot-at before the firmware starts.
void startClock();
// Page writes to flash in this run (host_flash.cpp counts them).
uint32_t& flashPageWrites();
// Called by a flash page write of `bytes`: true when the power cut falls in
// it, with `*torn` the bytes that reach the flash before it does.
bool powerCutTearsWrite(size_t bytes, size_t* torn);
// The power goes now: the summary (reason power-cut) and the process ends.
// `inWrite`: called from a flash write, under platform::lock().
[[noreturn]] void powerCut(bool inWrite);

// A board's I/O timeout of `virtualMs` as a real wait, at --io-scale.
int realTimeoutMs(uint64_t virtualMs);

void httpBegin(const UplinkConfig& config);
uint32_t connectionsOpened();
// The summary's account of the HTTP exchanges, as JSON members without braces:
// "exchanges":{...} (real time from the first byte written to the last read, the
// first exchange on each connection apart from those on a kept-alive one) and
// "requestHeaderBytes" (of the last request, without the host's X-Harbor-Sim-Time).
std::string exchangesJson();

// Prints the HARBOR_SIMULATE_SUMMARY line and exits the process.
[[noreturn]] void finish(const char* reason, int exitCode);

}  // namespace host
}  // namespace harbor
