// main() of the host build. The generated src/main.cpp has either the
// Arduino pair setup()/loop() or ESP-IDF's app_main(), never main(); weak
// declarations let this file call whichever exists.
#include <stdio.h>

#include <string>

#include "Arduino.h"  // setup() and loop(), with the linkage the generated code gives them
#include "harbor/runtime.h"
#include "host_state.h"

extern "C" void setup(void) __attribute__((weak));
extern "C" void loop(void) __attribute__((weak));
extern "C" void app_main() __attribute__((weak));

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
  setup();
  for (;;) loop();
}
