// Splits an http:// or https:// URL into host, port and path for the adapters
// that must connect by host name themselves (the ESP8266's TLS fragment-length
// probe). No copies and no heap: the parts point into the URL.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace harbor {

struct UrlParts {
  bool https;
  const char* host;   // without the brackets of an IPv6 literal; not NUL-terminated
  size_t hostLength;
  uint16_t port;      // as written, else 80 for http and 443 for https
  const char* path;   // the rest as written ("/api?x"), "" when the URL ends after the authority
};

// Accepts "http" or "https" in any case, then "://", an optional "user@", a
// host name, IPv4 address or bracketed IPv6 literal, and an optional port of
// 1-65535 (empty means the default). False for anything else, e.g. no scheme,
// another scheme, an empty host or a bad port.
bool parseUrl(const char* url, UrlParts* parts);

// The host as a C string. False, with `out` empty, when it does not fit.
bool copyUrlHost(const UrlParts& parts, char* out, size_t size);

}  // namespace harbor
