#include "harbor/url_parts.h"

#include <string.h>

namespace harbor {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Length of `scheme` when `url` starts with it (any case) followed by "://", else 0.
size_t schemeLength(const char* url, const char* scheme) {
  size_t n = 0;
  while (scheme[n] != '\0') {
    if (lower(url[n]) != scheme[n]) return 0;
    ++n;
  }
  return strncmp(url + n, "://", 3) == 0 ? n + 3 : 0;
}

bool isAuthorityEnd(char c) { return c == '\0' || c == '/' || c == '?' || c == '#'; }

// Digits up to the end of the authority, 1-65535; "" keeps the default.
bool parsePort(const char* p, const char* end, uint16_t* port) {
  if (p == end) return true;
  uint32_t value = 0;
  for (; p < end; ++p) {
    if (*p < '0' || *p > '9') return false;
    value = value * 10 + static_cast<uint32_t>(*p - '0');
    if (value > 65535) return false;
  }
  if (value == 0) return false;
  *port = static_cast<uint16_t>(value);
  return true;
}

}  // namespace

bool parseUrl(const char* url, UrlParts* parts) {
  if (url == 0) return false;
  size_t skip = schemeLength(url, "https");
  parts->https = skip != 0;
  if (skip == 0) skip = schemeLength(url, "http");
  if (skip == 0) return false;
  parts->port = parts->https ? 443 : 80;

  const char* authority = url + skip;
  const char* end = authority;
  while (!isAuthorityEnd(*end)) ++end;
  parts->path = end;
  // Credentials in a URL are legal, if unwise: the host follows the last '@'.
  for (const char* p = authority; p < end; ++p) {
    if (*p == '@') authority = p + 1;
  }

  const char* afterHost;
  if (*authority == '[') {
    const char* close = authority + 1;
    while (close < end && *close != ']') ++close;
    if (close == end) return false;
    parts->host = authority + 1;
    parts->hostLength = static_cast<size_t>(close - parts->host);
    afterHost = close + 1;
  } else {
    afterHost = authority;
    while (afterHost < end && *afterHost != ':') ++afterHost;
    parts->host = authority;
    parts->hostLength = static_cast<size_t>(afterHost - authority);
  }
  if (parts->hostLength == 0) return false;
  if (afterHost == end) return true;
  if (*afterHost != ':') return false;  // e.g. "[::1]x"
  return parsePort(afterHost + 1, end, &parts->port);
}

bool copyUrlHost(const UrlParts& parts, char* out, size_t size) {
  if (size == 0) return false;
  if (parts.hostLength >= size) {
    out[0] = '\0';
    return false;
  }
  memcpy(out, parts.host, parts.hostLength);
  out[parts.hostLength] = '\0';
  return true;
}

}  // namespace harbor
