// A scripted HTTPClient and WiFiClient for testing harbor_arduino_http.h on the
// host. The error codes are arduino-esp32's; POST() answers from `script`.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <deque>
#include <map>
#include <string>

#include "Arduino.h"

#define HTTPC_ERROR_CONNECTION_REFUSED (-1)
#define HTTPC_ERROR_SEND_HEADER_FAILED (-2)
#define HTTPC_ERROR_SEND_PAYLOAD_FAILED (-3)
#define HTTPC_ERROR_NOT_CONNECTED (-4)
#define HTTPC_ERROR_CONNECTION_LOST (-5)
#define HTTPC_ERROR_READ_TIMEOUT (-11)

namespace stub {
struct Http {
  std::deque<int> script;  // POST() results in order; 202 when empty
  int posts = 0;
  bool connected = false;  // what WiFiClient::connected() says
  std::map<std::string, std::string> headers;  // response headers header() returns
  std::map<std::string, std::string> sent;     // request headers addHeader() was given
  bool noDelay = false;    // WiFiClient::setDefaultNoDelay(), as the ESP8266 core and arduino-pico declare it
};
Http& http();
}  // namespace stub

class WiFiClient {
 public:
  virtual ~WiFiClient() {}
  bool connected() { return stub::http().connected; }
  void stop() { stub::http().connected = false; }
  int available() { return 0; }
  int read(uint8_t*, size_t) { return 0; }
  static void setDefaultNoDelay(bool on) { stub::http().noDelay = on; }
};

class HTTPClient {
 public:
  void setReuse(bool) {}
  void setTimeout(uint16_t) {}
  void collectHeaders(const char**, size_t) {}
  bool begin(WiFiClient&, const char*) { return true; }
  // The cores' signature: String name and value (the ESP8266's adds two bools with defaults).
  void addHeader(const String& name, const String& value) { stub::http().sent[name.c_str()] = value.c_str(); }
  int POST(uint8_t*, size_t) {
    stub::Http& h = stub::http();
    ++h.posts;
    if (h.script.empty()) return 202;
    const int code = h.script.front();
    h.script.pop_front();
    return code;
  }
  String header(const char* name) {
    const std::map<std::string, std::string>& h = stub::http().headers;
    const std::map<std::string, std::string>::const_iterator it = h.find(name);
    return String(it == h.end() ? "" : it->second.c_str());
  }
  int getSize() { return 0; }
  WiFiClient* getStreamPtr() { return nullptr; }
  void end() {}
};
