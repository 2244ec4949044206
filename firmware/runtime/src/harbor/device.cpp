// harbor::Device: wires the sampler, the shared buffer and the sender to the
// platform. The pieces are tested on their own; this file only connects them.
#include <stdio.h>
#include <string.h>

#include <new>

#include "harbor/json_writer.h"
#include "harbor/platform.h"
#include "harbor/runtime.h"
#include "harbor/sampler.h"
#include "harbor/sender.h"
#include "harbor/shared_state.h"

#define HARBOR_RUNTIME_VERSION "0.1.0"

namespace harbor {

namespace {

Device* gCurrent = 0;

// "https://harborscale.com/api/v2/ingest" -> "harborscale.com"
void hostOf(const char* url, char* out, size_t size) {
  const char* start = strstr(url, "://");
  start = start != 0 ? start + 3 : url;
  size_t n = strcspn(start, "/?#");
  if (n >= size) n = size - 1;
  memcpy(out, start, n);
  out[n] = '\0';
}

bool startsWith(const char* text, const char* prefix) {
  return strncmp(text, prefix, strlen(prefix)) == 0;
}

}  // namespace

struct Device::Impl {
  Impl(const DeviceConfig& c, Record* ring, size_t capacity, char* body, size_t bodyCapacity)
      : config(c),
        shared(ring, capacity),
        sampler(c),
        sender(c, shared, body, bodyCapacity),
        senderTask(false) {
    shipId[0] = '\0';
    url[0] = '\0';
  }

  void resolveShipId();
  void buildUrl();
  void banner();

  const DeviceConfig& config;
  SharedState shared;
  Sampler sampler;
  Sender sender;
  char shipId[101];
  char url[320];
  bool senderTask;
};

void Device::Impl::resolveShipId() {
  if (config.shipId != 0 && config.shipId[0] != '\0') {
    snprintf(shipId, sizeof shipId, "%s", config.shipId);
    return;
  }
  // One binary serves a fleet: the last 6 hex digits of the MAC tell boards apart.
  char mac[13];
  platform::macHex(mac);
  const char* prefix =
      config.shipIdPrefix != 0 && config.shipIdPrefix[0] != '\0' ? config.shipIdPrefix : "harbor";
  snprintf(shipId, sizeof shipId, "%s-%s", prefix, mac + 6);
}

void Device::Impl::buildUrl() {
  const char* harborId = config.harborId != 0 ? config.harborId : "";
  const int n = snprintf(url, sizeof url, "%s%s%s/batch", config.baseUrl, harborId[0] ? "/" : "",
                         harborId);
  if (n < 0 || static_cast<size_t>(n) >= sizeof url) {
    platform::log("[harbor] ERROR: HARBOR_BASE_URL plus HARBOR_ID is longer than 300 characters");
  }
}

void Device::Impl::banner() {
  char host[96];
  hostOf(config.baseUrl, host, sizeof host);
  const char* tls = "TLS verified (certificate bundle)";
  if (startsWith(config.baseUrl, "http://")) {
    tls = "plain HTTP, no TLS";
  } else if (config.tlsInsecure) {
    tls = "TLS verification OFF";
  } else if (config.caPem != 0) {  // only the pointer: on the ESP8266 the PEM lives in flash
    tls = "TLS verified (configured root CA)";
  }
  char line[320];
  snprintf(line, sizeof line, "[harbor] runtime " HARBOR_RUNTIME_VERSION " | ship %s | endpoint %s | %s",
           shipId, host, tls);
  platform::log(line);
  if (config.tlsInsecure && !startsWith(config.baseUrl, "http://")) {
    platform::log("[harbor] WARNING: TLS verification is OFF: the server's certificate is not "
                  "checked, so anyone on the network path can read the API key and change the data. "
                  "Use it only for testing.");
  }
  snprintf(line, sizeof line,
           "[harbor] %lu metrics | buffer %lu readings | batch %lu readings / %lu bytes / %lu s",
           static_cast<unsigned long>(sampler.metricCount()),
           static_cast<unsigned long>(shared.ring.capacity()),
           static_cast<unsigned long>(config.batch.maxRecords),
           static_cast<unsigned long>(sender.maxBodyBytes()),
           static_cast<unsigned long>(config.batch.maxAgeMs / 1000));
  platform::log(line);
  if (config.metricCount > HARBOR_MAX_METRICS) {
    snprintf(line, sizeof line,
             "[harbor] WARNING: only the first %d of %u metrics are sampled (build flag "
             "HARBOR_MAX_METRICS)",
             HARBOR_MAX_METRICS, static_cast<unsigned>(config.metricCount));
    platform::log(line);
  }
  if (config.batch.maxBytes > sender.maxBodyBytes()) {
    snprintf(line, sizeof line,
             "[harbor] WARNING: batches are capped at %lu bytes, the size of the body buffer",
             static_cast<unsigned long>(sender.maxBodyBytes()));
    platform::log(line);
  }
}

Device::Device(const DeviceConfig& config, Record* ring, size_t ringCapacity, char* body,
               size_t bodyCapacity) {
  // One Device per program: its state lives in static storage, not on the heap.
  alignas(Impl) static unsigned char storage[sizeof(Impl)];
  impl_ = new (storage) Impl(config, ring, ringCapacity, body, bodyCapacity);
}

void Device::begin() {
  gCurrent = this;
  Impl& d = *impl_;
  platform::begin(d.config);
  d.resolveShipId();
  d.buildUrl();
  const uint64_t now = platform::monotonicMs();
  d.sender.begin(d.shipId, d.url, now);
  d.sampler.start(now);
  d.banner();
  const char* printfProblem = floatPrintfProblem();
  if (printfProblem != 0) platform::log(printfProblem);

  // The task never returns: on FreeRTOS a task function must not.
  struct SenderTask {
    static void run(void* arg) {
      Impl& impl = *static_cast<Impl*>(arg);
      for (;;) {
        impl.sender.step(platform::monotonicMs());
        platform::feedWatchdog();
        platform::idleUntil(impl.sender.nextWakeMs(platform::monotonicMs()));
      }
    }
  };
  d.senderTask = platform::startSender(&SenderTask::run, impl_);
}

void Device::loop() {
  Impl& d = *impl_;
  d.sampler.sampleDue(platform::monotonicMs(), d.shared);
  platform::maintainNetwork();
  if (!d.senderTask) d.sender.step(platform::monotonicMs());
  platform::feedWatchdog();
  uint64_t wake = d.sampler.nextDueMs();
  if (!d.senderTask) {
    const uint64_t sendAt = d.sender.nextWakeMs(platform::monotonicMs());
    if (sendAt < wake) wake = sendAt;
  }
  platform::idleUntil(wake);
}

void Device::stopSampling() {
  impl_->sampler.stop();
  impl_->sender.drain();
}

bool Device::drained() const {
  ScopedLock lock;
  return impl_->sampler.stopped() && impl_->shared.ring.empty();
}

Stats Device::stats() const {
  ScopedLock lock;
  return impl_->shared.snapshot();
}

Device* Device::current() { return gCurrent; }

}  // namespace harbor
