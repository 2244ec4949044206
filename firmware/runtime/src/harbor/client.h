// harbor::Client: the uplink with its buffer, for a sketch or program of the
// user's own (Harbor.h calls it HarborClient). It does not touch Wi-Fi unless
// begin() is given the network's name, and it copes with the program's own
// Wi-Fi code connecting, dropping and reconnecting: it sends when the station
// has an address, buffers when it has none.
//
//   static const char* const kCargos[] = {"temperature"};
//   static const harbor::UplinkConfig kHarbor = {nullptr, "esp32", HARBOR_BASE_URL, HARBOR_ID,
//       HARBOR_API_KEY, nullptr, 0, {50, 12288, 30000}, kCargos, 1};
//   HarborClient Harbor(kHarbor);  // not "harbor": that is the namespace
//
//   void setup() { WiFi.begin(ssid, password); Harbor.begin(); }
//   void loop()  { Harbor.record("temperature", readTemperature()); Harbor.loop(); delay(2000); }
//
// record() may be called from loop() or any task, never from an interrupt
// handler; it stamps the reading when it is called and never waits on the
// network. On the ESP32 family a task of the client's own sends, so even a
// loop() that delays for seconds loses nothing; elsewhere loop() sends.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/platform.h"
#include "harbor/record_ring.h"
#include "harbor/uplink.h"

// The buffer and the body of one request, in static storage inside the client.
#ifndef HARBOR_CLIENT_BUFFER_RECORDS
#if defined(HARBOR_PLATFORM_ESP8266)
#define HARBOR_CLIENT_BUFFER_RECORDS 200  // 3.2 KB of the ESP8266's 80
#else
#define HARBOR_CLIENT_BUFFER_RECORDS 2000
#endif
#endif
#ifndef HARBOR_CLIENT_BODY_BYTES
#if defined(HARBOR_PLATFORM_ESP8266)
#define HARBOR_CLIENT_BODY_BYTES 4096
#else
#define HARBOR_CLIENT_BODY_BYTES 12288
#endif
#endif

namespace harbor {

template <size_t BufferRecords = HARBOR_CLIENT_BUFFER_RECORDS, size_t BodyBytes = HARBOR_CLIENT_BODY_BYTES>
class Client {
 public:
  // `config` must outlive the client (a static, possibly HARBOR_FLASH).
  explicit Client(const UplinkConfig& config) : ring_(storage_, BufferRecords), uplink_(config, ring_, body_, sizeof body_) {}

  // Starts sending over whatever network the program brings up. False when the
  // configuration cannot send (said on serial).
  bool begin() { return uplink_.begin(); }
  // The same, joining `ssid` itself and keeping it up (`password` "" for an open network).
  bool begin(const char* ssid, const char* password) {
    platform::beginWifi(ssid, password);
    uplink_.setNetworkMaintainer(&platform::maintainNetwork);
    return uplink_.begin();
  }

  bool record(const char* cargoId, double value) { return uplink_.record(cargoId, value); }
  bool record(const char* cargoId, double value, int64_t utcMs) { return uplink_.record(cargoId, value, utcMs); }

  // Call from loop(): returns at once when nothing is due.
  void loop() { uplink_.loop(); }
  // Before the program's own deep sleep: send what is buffered, for up to `timeoutMs`.
  bool flush(uint32_t timeoutMs) { return uplink_.flush(timeoutMs); }

  Stats stats() const { return uplink_.stats(); }
  // Called after every request (in the sender task on the ESP32: keep it short).
  void onStatus(StatusCallback callback, void* arg = 0) { uplink_.onStatus(callback, arg); }
  Uplink& uplink() { return uplink_; }

 private:
  Client(const Client&);
  Client& operator=(const Client&);

  Record storage_[BufferRecords];
  RecordRing ring_;
  char body_[BodyBytes + 1];
  Uplink uplink_;
};

}  // namespace harbor
