// main() of the host build. The generated src/main.cpp has either the
// Arduino pair setup()/loop() or ESP-IDF's app_main(), never main(); weak
// declarations let this file call whichever exists.
#include <stdio.h>

#include <string>

#include "Arduino.h"  // setup() and loop(), with the linkage the generated code gives them
#include "harbor/device.h"
#include "harbor/uplink.h"
#include "host_state.h"

extern "C" void setup(void) __attribute__((weak));
extern "C" void loop(void) __attribute__((weak));
extern "C" void app_main() __attribute__((weak));

// The generated .harbor/host_models.cpp attaches the sensors' device models.
void harbor_host_attach_models() __attribute__((weak));

namespace {

// arduino-pico's core 1, as its main1() runs it.
void secondCore(void*) {
  if (setup1 != 0) setup1();
  for (;;) {
    if (loop1 != 0) loop1();
  }
}

}  // namespace

int main(int argc, char** argv) {
  harbor::host::Options& options = harbor::host::options();
  std::string error;
  if (!harbor::host::parseOptions(argc, argv, &options, &error)) {
    fprintf(stderr, "%s\n\n%s", error.c_str(), harbor::host::usage());
    return 2;
  }
  if (options.help) {
    fputs(harbor::host::usage(), stdout);
    return 0;
  }
  harbor::host::startClock();
  if (harbor_host_attach_models != 0) harbor_host_attach_models();
  if (app_main != 0) {
    app_main();
    // On ESP-IDF app_main may return while the device keeps running.
    harbor::Device* device = harbor::Device::current();
    if (device == 0) {
      fprintf(stderr, "app_main() returned without starting a harbor::Device\n");
      return 1;
    }
    for (;;) device->loop();
  }
  if (setup == 0 || loop == 0) {
    fprintf(stderr, "the firmware defines neither setup() and loop() nor app_main()\n");
    return 1;
  }
  if (setup1 != 0 || loop1 != 0) {
    if (harbor::host::options().senderTask) {
      fprintf(stderr, "a program with setup1()/loop1() sends from loop(): run it with --sender loop\n");
      return 2;
    }
    harbor::host::startSecondThread(&secondCore, 0);
  }
  setup();
  // A generated project's loop() never gives up; a user's sketch is let go at the
  // end of --duration (between two calls), then whatever it recorded drains.
  while (!harbor::host::samplingStopped()) loop();
  harbor::Uplink* uplink = harbor::Uplink::current();
  if (uplink == 0) {
    fprintf(stderr, "the sketch never started a Harbor uplink (harbor.begin())\n");
    return 1;
  }
  for (;;) {
    uplink->loop();
    harbor::platform::idleUntil(uplink->nextWakeMs());
  }
}
