// Internals shared by the host adapter's files: options, the virtual clock
// and the HTTP client. Not part of the runtime's platform contract.
#pragma once

#include <stdint.h>

#include <string>

#include "harbor/device.h"

namespace harbor {
namespace host {

struct Options {
  bool help = false;
  int64_t durationMs = -1;             // -1: run until killed
  double speed = 1;                    // 0: as fast as possible ("max")
  std::string endpoint;                // replaces config.baseUrl when set
  int64_t startUtcMs = -1;             // -1: the real time at start
  uint64_t sntpDelayMs = 0;            // the clock is unsynced this long
  uint64_t seed = 1;
  std::string mac = "020000a1b2c3";    // 12 lowercase hex digits (02: locally administered)
  uint64_t maxDrainMs = 24ULL * 3600 * 1000;  // virtual time allowed to drain after --duration
  uint64_t maxRealMs = 0;              // 0: no real-time bound
};

Options& options();
// False with `error` set on a bad command line.
bool parseOptions(int argc, char** argv, Options* out, std::string* error);
const char* usage();

// Virtual time since boot; the HTTP client adds the real duration of exchanges.
uint64_t virtualNowMs();
void advanceVirtualMs(uint64_t ms);
int64_t virtualUtcMs();
uint64_t realElapsedMs();

void httpBegin(const DeviceConfig& config);
void httpEnd();
uint32_t connectionsOpened();

// Prints the HARBOR_SIMULATE_SUMMARY line and exits the process.
void finish(const char* reason, int exitCode);

}  // namespace host
}  // namespace harbor
