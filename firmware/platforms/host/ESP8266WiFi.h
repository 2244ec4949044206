// The host build's <ESP8266WiFi.h>: the same station API as <WiFi.h> (ESP8266WiFiSTA.h).
#pragma once

#include "WiFi.h"
