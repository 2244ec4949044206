// harbor::platform::httpPost for the host, behaving like the boards' clients:
// one kept-alive connection (TLS through libcurl, verified against the system
// store or the project's roots), the whole request in one write, one retry on a
// fresh connection only when a reused one failed before the request was
// written, and nothing else: no silent resend of a request that was written
// and then lost its answer, which libcurl's own transfer would do. libcurl is
// used in CONNECT_ONLY mode for the connection and TLS; the HTTP exchange is
// written and parsed here, so every attempt is one the firmware decided.
//
// Every request also carries X-Harbor-Sim-Time, the firmware's virtual UTC, so
// a local test receiver can schedule outages and rate limits on the simulated
// clock. Real firmware never sends that header.
#include <curl/curl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "harbor/flash_data.h"
#include "harbor/platform.h"
#include "harbor/url_parts.h"
#include "harbor/uplink_types.h"
#include "host_state.h"

namespace harbor {
namespace host {

namespace {

const long kConnectTimeoutMs = 5000;
const uint64_t kIoTimeoutMs = 10000;  // each read and write, as on the boards

CURL* gCurl = 0;
const UplinkConfig* gConfig = 0;
uint32_t gConnections = 0;
bool gOpen = false;
curl_socket_t gSocket = CURL_SOCKET_BAD;
std::string gOrigin;  // scheme://host:port of the open connection
char gErrorBuffer[CURL_ERROR_SIZE];

// Real microseconds per answered exchange: the first on each connection, and those
// on a kept-alive one (Nagle meeting a delayed ACK shows here as 40 ms each).
std::vector<uint32_t> gFirstUs;
std::vector<uint32_t> gKeptAliveUs;
size_t gHeaderBytes = 0;

uint64_t realNowUs() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

uint32_t median(std::vector<uint32_t> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

platform::TransportError classifyConnect(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return platform::TransportError::Timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
      return platform::TransportError::Tls;
    default:
      return platform::TransportError::Connect;
  }
}

// A fresh handle: CONNECT_ONLY connections live until their handle goes.
void closeConnection() {
  if (gCurl != 0 && gOpen) {
    curl_easy_cleanup(gCurl);
    gCurl = curl_easy_init();
  }
  gOpen = false;
  gSocket = CURL_SOCKET_BAD;
  gOrigin.clear();
}

// A kept-alive connection the server has closed (or sent anything on, which
// HTTP/1.1 never does between exchanges) is dead: the boards' clients check
// connected() the same way before reusing one.
bool stillOpen() {
  if (!gOpen || gSocket == CURL_SOCKET_BAD) return false;
  struct pollfd p;
  p.fd = gSocket;
  p.events = POLLIN;
  p.revents = 0;
  return poll(&p, 1, 0) == 0;
}

bool connectTo(const std::string& origin, platform::TransportError* error) {
  closeConnection();
  CURL* curl = gCurl;
  curl_easy_setopt(curl, CURLOPT_URL, origin.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(realTimeoutMs(kConnectTimeoutMs)));
  curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);  // the request goes in one write anyway
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, gErrorBuffer);
  if (flash::read(gConfig->tlsInsecure) != 0) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (!flash::empty(flash::read(gConfig->caPem))) {
    // The same root CAs the board would pin, instead of the system store.
    const char* pem = flash::read(gConfig->caPem);
    struct curl_blob blob;
    blob.data = const_cast<char*>(pem);
    blob.len = strlen(pem);
    blob.flags = CURL_BLOB_COPY;
    curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
  }
  gErrorBuffer[0] = '\0';
  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    *error = classifyConnect(code);
    char line[CURL_ERROR_SIZE + 64];
    snprintf(line, sizeof line, "[host] connect: %s", gErrorBuffer[0] ? gErrorBuffer : curl_easy_strerror(code));
    platform::log(line);
    closeConnection();
    return false;
  }
  curl_socket_t socket = CURL_SOCKET_BAD;
  curl_easy_getinfo(curl, CURLINFO_ACTIVESOCKET, &socket);
  gSocket = socket;
  gOpen = socket != CURL_SOCKET_BAD;
  gOrigin = origin;
  ++gConnections;
  return gOpen;
}

bool waitFor(short events, int timeoutMs) {
  struct pollfd p;
  p.fd = gSocket;
  p.events = events;
  p.revents = 0;
  return poll(&p, 1, timeoutMs) > 0;
}

// Writes all of `data`; false (with *error) when the connection failed first.
bool sendAll(const std::string& data, platform::TransportError* error) {
  size_t sent = 0;
  while (sent < data.size()) {
    size_t n = 0;
    const CURLcode code = curl_easy_send(gCurl, data.data() + sent, data.size() - sent, &n);
    if (code == CURLE_AGAIN) {
      if (!waitFor(POLLOUT, realTimeoutMs(kIoTimeoutMs))) {
        *error = platform::TransportError::Timeout;
        return false;
      }
      continue;
    }
    if (code != CURLE_OK) {
      *error = platform::TransportError::Closed;
      return false;
    }
    sent += n;
  }
  return true;
}

// Reads more bytes into `in`; false at end of stream, a reset or a timeout (*error).
bool receiveMore(std::string* in, platform::TransportError* error) {
  char buffer[4096];
  for (;;) {
    size_t n = 0;
    const CURLcode code = curl_easy_recv(gCurl, buffer, sizeof buffer, &n);
    if (code == CURLE_AGAIN) {
      if (!waitFor(POLLIN, realTimeoutMs(kIoTimeoutMs))) {
        *error = platform::TransportError::Timeout;
        return false;
      }
      continue;
    }
    if (code != CURLE_OK || n == 0) {
      *error = platform::TransportError::Closed;
      return false;
    }
    in->append(buffer, n);
    return true;
  }
}

std::string headerValue(const std::string& head, const char* name) {
  const size_t nameLength = strlen(name);
  size_t at = head.find("\r\n");
  while (at != std::string::npos) {
    const size_t start = at + 2;
    const size_t end = head.find("\r\n", start);
    const std::string line = head.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (line.size() > nameLength && strncasecmp(line.c_str(), name, nameLength) == 0 && line[nameLength] == ':') {
      size_t v = nameLength + 1;
      while (v < line.size() && (line[v] == ' ' || line[v] == '\t')) ++v;
      size_t e = line.size();
      while (e > v && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
      return line.substr(v, e - v);
    }
    at = end;
  }
  return "";
}

void copyHeader(char* out, size_t size, const std::string& value) {
  snprintf(out, size, "%s", value.c_str());
}

std::string oneLine(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size() && i < 200; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    out += c < 0x20 ? ' ' : static_cast<char>(c);
  }
  return out;
}

// Reads one response: status line, headers, and a body of Content-Length bytes
// or in chunks. *keepOpen is false when the connection cannot carry another request.
bool readResponse(platform::HttpResponse* response, bool* keepOpen, std::string* bodyExcerpt,
                  platform::TransportError* error) {
  std::string in;
  size_t headEnd;
  while ((headEnd = in.find("\r\n\r\n")) == std::string::npos) {
    if (in.size() > 65536 || !receiveMore(&in, error)) return false;
  }
  const std::string head = in.substr(0, headEnd);
  std::string body = in.substr(headEnd + 4);
  int status = 0;
  if (sscanf(head.c_str(), "HTTP/%*d.%*d %d", &status) != 1 || status < 100) {
    *error = platform::TransportError::Other;
    return false;
  }
  copyHeader(response->retryAfter, sizeof response->retryAfter, headerValue(head, "Retry-After"));
  copyHeader(response->date, sizeof response->date, headerValue(head, "Date"));
  const std::string connection = headerValue(head, "Connection");
  *keepOpen = strcasecmp(connection.c_str(), "close") != 0 && head.compare(0, 8, "HTTP/1.0") != 0;

  const std::string length = headerValue(head, "Content-Length");
  const std::string encoding = headerValue(head, "Transfer-Encoding");
  if (!length.empty()) {
    const size_t want = strtoul(length.c_str(), 0, 10);
    while (body.size() < want) {
      if (!receiveMore(&body, error)) return false;
    }
  } else if (strcasecmp(encoding.c_str(), "chunked") == 0) {
    // Enough to skip chunked bodies: read until the last chunk's blank line.
    while (body.find("\r\n0\r\n\r\n") == std::string::npos && body.compare(0, 5, "0\r\n\r\n") != 0) {
      if (!receiveMore(&body, error)) return false;
    }
  } else if (status != 204 && status != 304) {
    // Delimited by the end of the connection.
    while (receiveMore(&body, error)) {
    }
    *keepOpen = false;
  }
  *bodyExcerpt = body;
  response->status = status;
  return true;
}

}  // namespace

void httpBegin(const UplinkConfig& config) {
  gConfig = &config;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  gCurl = curl_easy_init();
  if (gCurl == 0) platform::log("[host] ERROR: libcurl could not start");
}

uint32_t connectionsOpened() { return gConnections; }

std::string exchangesJson() {
  return "\"exchanges\":{\"first\":" + std::to_string(gFirstUs.size()) + ",\"firstMedianUs\":" +
         std::to_string(median(gFirstUs)) + ",\"keptAlive\":" + std::to_string(gKeptAliveUs.size()) +
         ",\"keptAliveMedianUs\":" + std::to_string(median(gKeptAliveUs)) +
         "},\"requestHeaderBytes\":" + std::to_string(gHeaderBytes);
}

}  // namespace host

namespace platform {

HttpResponse httpPost(const char* url, const char* apiKey, const char* body, size_t length) {
  HttpResponse response;
  memset(&response, 0, sizeof response);
  response.error = TransportError::Other;
  if (host::gCurl == 0) return response;

  // --endpoint replaces the configured base URL; the rest of the path (harbor id, /batch) stays.
  std::string target = url;
  const std::string endpoint = host::options().endpoint;
  const char* base = flash::read(host::gConfig->baseUrl);
  if (!endpoint.empty() && target.compare(0, strlen(base), base) == 0) target = endpoint + target.substr(strlen(base));

  UrlParts parts;
  if (!parseUrl(target.c_str(), &parts)) return response;
  std::string host(parts.host, parts.hostLength);
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  const bool defaultPort = parts.port == (parts.https ? 443 : 80);
  const std::string authority = defaultPort ? host : host + ":" + std::to_string(parts.port);
  const std::string origin = std::string(parts.https ? "https://" : "http://") + authority + "/";
  const std::string path = parts.path[0] == '\0' ? "/" : parts.path;

  char simTime[64];
  snprintf(simTime, sizeof simTime, "%" PRId64, host::virtualUtcMs());
  // Only the headers the API needs, and the whole request in one write.
  const std::string simTimeHeader = std::string("X-Harbor-Sim-Time: ") + simTime + "\r\n";
  std::string request = "POST " + path + " HTTP/1.1\r\nHost: " + authority +
                        "\r\nContent-Type: application/json\r\nX-API-Key: " + apiKey + "\r\n" +
                        simTimeHeader + "Content-Length: " + std::to_string(length) + "\r\n\r\n";
  host::gHeaderBytes = request.size() - simTimeHeader.size();
  request.append(body, length);

  host::beginIo();
  TransportError error = TransportError::None;
  bool ok = false;
  bool keepOpen = true;
  std::string excerpt;
  for (int attempt = 0; attempt < 2 && !ok; ++attempt) {
    const bool reused = host::stillOpen() && host::gOrigin == origin;
    if (!reused && !host::connectTo(origin, &error)) break;
    const uint64_t sentAtUs = host::realNowUs();
    if (!host::sendAll(request, &error)) {
      host::closeConnection();
      // Never written: one more try on a fresh connection, as the boards do.
      if (reused) continue;
      break;
    }
    ++response.attempts;
    ok = host::readResponse(&response, &keepOpen, &excerpt, &error);
    if (ok) (reused ? host::gKeptAliveUs : host::gFirstUs).push_back(static_cast<uint32_t>(host::realNowUs() - sentAtUs));
    if (!ok || !keepOpen) host::closeConnection();
    break;
  }
  host::endIo();

  if (!ok) {
    response.status = 0;
    response.error = error == TransportError::None ? TransportError::Other : error;
    return response;
  }
  response.error = TransportError::None;
  if (response.status < 200 || response.status >= 300) {
    const std::string line = "[host] response " + std::to_string(response.status) + ": " + host::oneLine(excerpt);
    log(line.c_str());
  }
  return response;
}

}  // namespace platform
}  // namespace harbor
