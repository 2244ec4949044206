// TLS set-up shared by the ESP8266 and Pico W adapters, whose cores ship the
// same BearSSL::WiFiClientSecure (arduino-pico took it from the ESP8266 core).
// Copied next to each Arduino adapter's source; the arduino-esp32 adapter
// (mbedTLS) does not include it.
#pragma once

#include <Arduino.h>
#include <WiFiClientSecureBearSSL.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "harbor/flash_data.h"
#include "harbor/log.h"
#include "harbor/platform.h"
#include "harbor/uplink_types.h"
#include "harbor/wall_clock.h"
#include "harbor_arduino_http.h"

namespace harbor {
namespace platform {
namespace arduino {

// For an https:// base URL (`https`): no verification when the user asked for
// it, else the compiled-in root CAs. True when HTTPS sends may go ahead. The
// configuration and the PEM may live in HARBOR_FLASH; X509List reads the PEM
// with strlen_P and pgm_read_byte, so it is parsed straight from flash.
inline bool setUpBearSslTrust(BearSSL::WiFiClientSecure& tls, const UplinkConfig& config, bool https) {
  // Lives for good: the client keeps a pointer to it. X509List copies what it keeps.
  static BearSSL::X509List* trust = nullptr;
  const char* pem = flash::read(config.caPem);
  if (https && flash::read(config.tlsInsecure) != 0) {
    tls.setInsecure();
    return true;
  }
  if (https && !flash::empty(pem)) {
    trust = new BearSSL::X509List(pem);
    if (trust->getCount() == 0) {
      logText(HARBOR_TEXT("[harbor] ERROR: the configured root CA could not be parsed: HTTPS sends will fail"));
      return false;
    }
    tls.setTrustAnchors(trust);
    return true;
  }
  if (https) logText(HARBOR_TEXT("%s"), kNoRootCaMessage);
  return false;
}

// BearSSL checks certificates' validity dates: until SNTP has set the clock it
// says 1970 and every certificate would be rejected as not yet valid. False
// while that would happen (`verifyTls`: certificates are checked at all).
inline bool clockReadyForBearSsl(bool verifyTls) { return !verifyTls || wallClockSet(time(nullptr)); }

// A TlsFailureLine for BearSSL: its last error, with BearSSL's own text.
inline bool bearSslFailureLine(BearSSL::WiFiClientSecure& tls, char* line, size_t size) {
  char text[96] = "";
  const int tlsError = tls.getLastSSLError(text, sizeof text);
  if (tlsError == 0) return false;
  snprintf(line, size, HARBOR_TEXT("[harbor] TLS handshake failed: %s (%d)"), text, tlsError);
  return true;
}

}  // namespace arduino
}  // namespace platform
}  // namespace harbor
