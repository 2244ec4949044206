// The host build's <Arduino.h>: what a generated src/main.cpp needs of it.
// setup() and loop() take C linkage, as on the ESP8266 core and ArduinoCore-API
// (arduino-pico); host_main.cpp calls them through the same declarations.
#pragma once

#ifdef __cplusplus
extern "C" {
#endif
void setup(void);
void loop(void);
// arduino-pico's second core (RP2040Support.h declares them so): the host runs
// them in a second thread when the program defines them.
void setup1(void) __attribute__((weak));
void loop1(void) __attribute__((weak));
#ifdef __cplusplus
}
#endif

#define PROGMEM
