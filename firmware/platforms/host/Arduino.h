// The host build's <Arduino.h>: what a generated src/main.cpp needs of it.
// setup() and loop() take C linkage, as on the ESP8266 core and ArduinoCore-API
// (arduino-pico); host_main.cpp calls them through the same declarations.
#pragma once

#ifdef __cplusplus
extern "C" {
#endif
void setup(void);
void loop(void);
#ifdef __cplusplus
}
#endif

#define PROGMEM
