// harbor::platform::httpPost on libcurl: one easy handle for the whole run,
// so the connection (and TLS session) is kept alive between batches like on
// the boards. Every request also carries X-Harbor-Sim-Time, the firmware's
// virtual UTC, so a local test receiver can schedule outages and rate limits
// on the simulated clock. Real firmware never sends that header.
#include <curl/curl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <string>

#include "harbor/platform.h"
#include "host_state.h"

namespace harbor {
namespace host {

namespace {

CURL* gCurl = 0;
const DeviceConfig* gConfig = 0;
uint32_t gConnections = 0;
char gErrorBuffer[CURL_ERROR_SIZE];

struct Exchange {
  char retryAfter[40];
  std::string body;  // the start of the response body, for the log on failures
};

size_t onHeader(char* data, size_t size, size_t count, void* user) {
  Exchange* exchange = static_cast<Exchange*>(user);
  const size_t length = size * count;
  static const char kName[] = "retry-after:";
  const size_t nameLength = sizeof kName - 1;
  if (length > nameLength && strncasecmp(data, kName, nameLength) == 0) {
    size_t start = nameLength;
    size_t end = length;
    while (start < end && (data[start] == ' ' || data[start] == '\t')) ++start;
    while (end > start && (data[end - 1] == '\r' || data[end - 1] == '\n' || data[end - 1] == ' ')) --end;
    size_t n = end - start;
    if (n >= sizeof exchange->retryAfter) n = sizeof exchange->retryAfter - 1;
    memcpy(exchange->retryAfter, data + start, n);
    exchange->retryAfter[n] = '\0';
  } else if (length >= 5 && strncmp(data, "HTTP/", 5) == 0) {
    exchange->retryAfter[0] = '\0';  // a new response (after a redirect or 1xx) starts over
  }
  return length;
}

size_t onBody(char* data, size_t size, size_t count, void* user) {
  Exchange* exchange = static_cast<Exchange*>(user);
  const size_t length = size * count;
  if (exchange->body.size() < 200) exchange->body.append(data, length < 200 ? length : 200);
  return length;
}

platform::TransportError classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return platform::TransportError::Connect;
    case CURLE_OPERATION_TIMEDOUT:
      return platform::TransportError::Timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
      return platform::TransportError::Tls;
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
      return platform::TransportError::Closed;
    default:
      return platform::TransportError::Other;
  }
}

// --endpoint replaces the configured base URL; the rest of the path (harbor id, /batch) stays.
std::string effectiveUrl(const char* url) {
  const std::string endpoint = options().endpoint;
  const char* base = gConfig != 0 && gConfig->baseUrl != 0 ? gConfig->baseUrl : "";
  const size_t baseLength = strlen(base);
  if (endpoint.empty() || baseLength == 0 || strncmp(url, base, baseLength) != 0) return url;
  return endpoint + (url + baseLength);
}

std::string oneLine(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    out += c < 0x20 ? ' ' : static_cast<char>(c);
  }
  return out;
}

}  // namespace

void httpBegin(const DeviceConfig& config) {
  gConfig = &config;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  gCurl = curl_easy_init();
  if (gCurl == 0) {
    platform::log("[host] ERROR: libcurl could not start");
    return;
  }
  curl_easy_setopt(gCurl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(gCurl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(gCurl, CURLOPT_TIMEOUT_MS, 20000L);
  curl_easy_setopt(gCurl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(gCurl, CURLOPT_USERAGENT, "harbor-connect-host/0.1");
  curl_easy_setopt(gCurl, CURLOPT_ERRORBUFFER, gErrorBuffer);
  curl_easy_setopt(gCurl, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(gCurl, CURLOPT_WRITEFUNCTION, onBody);
  if (config.tlsInsecure) {
    curl_easy_setopt(gCurl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(gCurl, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (config.caPem != 0 && config.caPem[0] != '\0') {
    // The same root CAs the board would pin, instead of the system store.
    struct curl_blob blob;
    blob.data = const_cast<char*>(config.caPem);
    blob.len = strlen(config.caPem);
    blob.flags = CURL_BLOB_COPY;
    curl_easy_setopt(gCurl, CURLOPT_CAINFO_BLOB, &blob);
  }
}

void httpEnd() {
  if (gCurl != 0) curl_easy_cleanup(gCurl);
  gCurl = 0;
  curl_global_cleanup();
}

uint32_t connectionsOpened() { return gConnections; }

}  // namespace host

namespace platform {

HttpResponse httpPost(const char* url, const char* apiKey, const char* body, size_t length) {
  HttpResponse response;
  response.status = 0;
  response.error = TransportError::Other;
  response.retryAfter[0] = '\0';
  if (host::gCurl == 0) return response;

  const std::string target = host::effectiveUrl(url);
  const std::string keyHeader = std::string("X-API-Key: ") + apiKey;
  char simTime[64];
  snprintf(simTime, sizeof simTime, "X-Harbor-Sim-Time: %" PRId64, host::virtualUtcMs());
  struct curl_slist* headers = 0;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, keyHeader.c_str());
  headers = curl_slist_append(headers, simTime);
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip

  host::Exchange exchange;
  exchange.retryAfter[0] = '\0';
  host::gErrorBuffer[0] = '\0';
  CURL* curl = host::gCurl;
  curl_easy_setopt(curl, CURLOPT_URL, target.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(length));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange);

  struct timespec start;
  struct timespec end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  const CURLcode code = curl_easy_perform(curl);
  clock_gettime(CLOCK_MONOTONIC, &end);
  curl_slist_free_all(headers);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, static_cast<struct curl_slist*>(0));

  // The exchange took real time; the firmware's clock moves by as much.
  const int64_t elapsedMs = (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1000000;
  host::advanceVirtualMs(elapsedMs > 0 ? static_cast<uint64_t>(elapsedMs) : 0);

  long connects = 0;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
  host::gConnections += static_cast<uint32_t>(connects);

  if (code != CURLE_OK) {
    response.error = host::classify(code);
    char line[CURL_ERROR_SIZE + 64];
    snprintf(line, sizeof line, "[host] curl: %s", host::gErrorBuffer[0] ? host::gErrorBuffer
                                                                       : curl_easy_strerror(code));
    log(line);
    return response;
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  response.error = TransportError::None;
  memcpy(response.retryAfter, exchange.retryAfter, sizeof response.retryAfter);
  if (status < 200 || status >= 300) {
    const std::string excerpt = "[host] response " + std::to_string(status) + ": " +
                                host::oneLine(exchange.body);
    log(excerpt.c_str());
  }
  return response;
}

}  // namespace platform
}  // namespace harbor
