#include <math.h>
#include <string.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "body_parser.h"
#include "check.h"
#include "fake_platform.h"
#include "harbor/sender.h"
#include "harbor/shared_state.h"

using harbor::DeviceConfig;
using harbor::Metric;
using harbor::Record;
using harbor::Sender;
using harbor::SharedState;
using harbor::Source;
using harbor::platform::TransportError;

namespace {

const char* const kApiKey = "hb_SECRET_key_0123456789";

const Metric kMetrics[] = {
    {"temperature", Source::Simulated, 10000, -1, 1.0, 0.0, 1.0, 60000},
    {"rssi", Source::WifiRssi, 10000, -1, 1.0, 0.0, 0.0, 0},
    {"humidity", Source::Simulated, 10000, -1, 1.0, 0.0, 1.0, 60000},
};

// A sender on the fake platform with its buffer and a clock to drive.
struct Rig {
  explicit Rig(size_t capacity = 200, uint16_t maxRecords = 50, uint32_t maxBytes = 12288,
               uint32_t maxAgeMs = 30000)
      : storage(capacity),
        config(makeConfig(maxRecords, maxBytes, maxAgeMs)),
        shared(&storage[0], capacity),
        bodyBuffer(12289),
        sender(config, shared, &bodyBuffer[0], bodyBuffer.size()),
        pushed(0) {
    sender.begin("esp32-a1b2c3", "https://h.example/api/v2/ingest/hb/batch", fake::state().nowMs);
  }

  static DeviceConfig makeConfig(uint16_t maxRecords, uint32_t maxBytes, uint32_t maxAgeMs) {
    DeviceConfig c = {"esp32-a1b2c3", "esp32", "https://h.example/api/v2/ingest", "hb", kApiKey,
                      "wifi", "wifi-password", 0, false, {maxRecords, maxBytes, maxAgeMs},
                      kMetrics, 3};
    return c;
  }

  // Readings 0, 1, 2, … (value = its number), cycling through the metrics,
  // stamped now (UTC when synced, else monotonic) like the sampler would.
  void push(size_t n, uint8_t metric = 255) {
    for (size_t i = 0; i < n; ++i) {
      Record r;
      r.value = static_cast<double>(pushed);
      r.metricIndex = metric == 255 ? static_cast<uint8_t>(pushed % 3) : metric;
      const int64_t now = static_cast<int64_t>(fake::state().nowMs);
      if (fake::state().synced) {
        r.timeMs = now + fake::state().offsetMs;
        r.flags = 0;
      } else {
        r.timeMs = now;
        r.flags = Record::kMonotonic;
        shared.hasMonotonic = true;
      }
      shared.ring.push(r);
      ++pushed;
    }
  }

  void step() { sender.step(fake::state().nowMs); }
  uint64_t wake() { return sender.nextWakeMs(fake::state().nowMs); }

  // Steps the sender like a loop would, jumping the clock to each wake-up,
  // until `untilMs` (inclusive) or `maxSteps`.
  void runUntil(uint64_t untilMs, int maxSteps = 100000) {
    for (int i = 0; i < maxSteps; ++i) {
      if (fake::state().nowMs > untilMs) return;
      step();
      const uint64_t w = wake();
      if (w > untilMs) {
        fake::state().nowMs = untilMs;
        step();
        return;
      }
      if (w > fake::state().nowMs) fake::state().nowMs = w;
    }
  }

  size_t requests() const { return fake::state().requests.size(); }
  std::vector<Reading> body(size_t request) {
    bool ok = false;
    std::vector<Reading> r = parseBody(fake::state().requests.at(request).body, &ok);
    CHECK(ok);
    return r;
  }

  std::vector<Record> storage;
  DeviceConfig config;
  SharedState shared;
  std::vector<char> bodyBuffer;
  Sender sender;
  size_t pushed;
};

}  // namespace

TEST_CASE("sender: waits for a full batch, sends it at once, one status line") {
  fake::reset();
  Rig rig;
  rig.push(49);
  rig.step();
  CHECK_EQ(rig.requests(), 0u);
  rig.push(1);
  rig.step();
  CHECK_EQ(rig.requests(), 1u);
  CHECK_EQ(rig.body(0).size(), 50u);
  CHECK_EQ(fake::state().requests[0].url, "https://h.example/api/v2/ingest/hb/batch");
  CHECK_EQ(fake::state().requests[0].apiKey, kApiKey);
  CHECK(rig.shared.ring.empty());
  CHECK_EQ(rig.shared.stats.delivered, 50u);
  CHECK_EQ(rig.shared.stats.requests, 1u);
  CHECK_EQ(fake::state().logs.back(),
           "[harbor] sent 50 -> 202 in 10 ms | buffer 0/200 | dropped 0 | retries 0");
}

TEST_CASE("sender: the oldest reading waits at most maxAgeMs") {
  fake::reset();
  Rig rig;
  rig.push(3);
  rig.step();
  CHECK_EQ(rig.wake(), 30000u);
  rig.runUntil(29999);
  CHECK_EQ(rig.requests(), 0u);
  rig.runUntil(30000);
  CHECK_EQ(rig.requests(), 1u);
  CHECK_EQ(fake::state().requests[0].atMs, 30000u);
  CHECK_EQ(rig.body(0).size(), 3u);
}

TEST_CASE("sender: every reading goes out once, in order, with its time") {
  fake::reset();
  Rig rig;
  for (int i = 0; i < 10; ++i) {
    rig.push(1);
    fake::state().nowMs += 1000;
  }
  rig.sender.drain();
  rig.runUntil(fake::state().nowMs);
  CHECK_EQ(rig.requests(), 1u);
  const std::vector<Reading> r = rig.body(0);
  CHECK_EQ(r.size(), 10u);
  const char* const expected[] = {"temperature", "rssi", "humidity"};
  for (size_t i = 0; i < r.size(); ++i) {
    CHECK_EQ(r[i].value, static_cast<double>(i));
    CHECK_EQ(r[i].shipId, "esp32-a1b2c3");
    CHECK_EQ(r[i].cargoId, expected[i % 3]);
    char t[32];
    snprintf(t, sizeof t, "2026-11-26T10:00:%02u.000Z", static_cast<unsigned>(i));
    CHECK_EQ(r[i].time, t);
  }
}

TEST_CASE("sender: bodies never exceed maxBytes") {
  fake::reset();
  Rig rig(200, 50, 400);
  rig.push(40);
  rig.sender.drain();
  rig.runUntil(1000);
  CHECK(rig.shared.ring.empty());
  CHECK_EQ(rig.shared.stats.delivered, 40u);
  std::vector<double> values;
  for (size_t i = 0; i < rig.requests(); ++i) {
    CHECK(fake::state().requests[i].body.size() <= 400u);
    const std::vector<Reading> r = rig.body(i);
    CHECK(!r.empty());
    for (size_t j = 0; j < r.size(); ++j) values.push_back(r[j].value);
  }
  CHECK(rig.requests() >= 10u);
  CHECK_EQ(values.size(), 40u);
  for (size_t i = 0; i < values.size(); ++i) CHECK_EQ(values[i], static_cast<double>(i));
}

TEST_CASE("sender: after a success a waiting full batch goes out immediately") {
  fake::reset();
  Rig rig;
  rig.push(120);
  rig.step();
  CHECK_EQ(rig.requests(), 1u);
  CHECK_EQ(rig.wake(), fake::state().nowMs);
  rig.step();
  CHECK_EQ(rig.requests(), 2u);
  rig.step();  // 20 left: neither full nor old
  CHECK_EQ(rig.requests(), 2u);
  CHECK_EQ(rig.shared.ring.size(), 20u);
  CHECK_EQ(rig.wake(), 30000u);
}

TEST_CASE("sender: every 2xx commits the batch") {
  const int codes[] = {200, 201, 202, 204};
  for (size_t i = 0; i < 4; ++i) {
    CHECK_CONTEXT("status " + check::show(codes[i]));
    fake::reset();
    Rig rig;
    fake::state().script.push_back(fake::answer(codes[i]));
    rig.push(50);
    rig.step();
    CHECK(rig.shared.ring.empty());
    CHECK_EQ(rig.shared.stats.delivered, 50u);
    CHECK_EQ(rig.shared.stats.sendFailures, 0u);
    CHECK(fake::state().indicator == fake::Indicator::Ok);
  }
}

TEST_CASE("sender: 408/429/5xx and transport errors keep the batch and back off") {
  std::vector<fake::HttpResponse> answers;
  const int codes[] = {408, 429, 500, 502, 503, 504};
  for (size_t i = 0; i < 6; ++i) answers.push_back(fake::answer(codes[i]));
  answers.push_back(fake::failure(TransportError::Connect));
  answers.push_back(fake::failure(TransportError::Tls));
  answers.push_back(fake::failure(TransportError::Timeout));
  answers.push_back(fake::failure(TransportError::Closed));
  for (size_t i = 0; i < answers.size(); ++i) {
    CHECK_CONTEXT("answer " + check::show(answers[i].status) + "/" +
                  check::show(static_cast<int>(answers[i].error)));
    fake::reset();
    Rig rig;
    fake::state().script.push_back(answers[i]);
    fake::state().script.push_back(answers[i]);
    // First delay: 1500 of [0, 2000]; second: 3999 of [0, 4000].
    fake::state().randoms.push_back(1500);
    fake::state().randoms.push_back(3999);
    rig.push(50);
    rig.step();
    CHECK_EQ(rig.requests(), 1u);
    CHECK_EQ(rig.shared.ring.size(), 50u);
    CHECK_EQ(rig.shared.stats.sendFailures, 1u);
    CHECK_EQ(rig.sender.consecutiveFailures(), 1u);
    CHECK_EQ(rig.wake(), 10u + 1500u);
    rig.runUntil(10 + 1499);
    CHECK_EQ(rig.requests(), 1u);
    rig.runUntil(10 + 1500);
    CHECK_EQ(rig.requests(), 2u);
    // A retry resends the very same bytes: with times in them, duplicates collapse.
    CHECK_EQ(fake::state().requests[1].body, fake::state().requests[0].body);
    CHECK_EQ(rig.wake(), 1520u + 3999u);
    rig.runUntil(1520 + 3999);
    CHECK_EQ(rig.requests(), 3u);
    CHECK(rig.shared.ring.empty());
    CHECK_EQ(rig.shared.stats.delivered, 50u);
    CHECK_EQ(rig.shared.stats.requests, 3u);
    CHECK_EQ(rig.sender.consecutiveFailures(), 0u);
    CHECK(fake::logged("retries 2"));
  }
}

TEST_CASE("sender: backoff stays within [0, min(5 min, 2 s * 2^n)] over a long outage") {
  fake::reset();
  Rig rig;
  fake::state().responder = [](const fake::Request&) { return fake::answer(503); };
  fake::state().randomDefault = 0xffffffffu;  // the largest draw each time
  rig.push(50);
  rig.runUntil(3 * 3600 * 1000);
  const std::vector<fake::Request>& reqs = fake::state().requests;
  CHECK(reqs.size() > 30u);
  for (size_t i = 1; i < reqs.size(); ++i) {
    const uint64_t gap = reqs[i].atMs - (reqs[i - 1].atMs + 10);
    uint64_t ceiling = 2000;
    for (size_t n = 1; n < i && ceiling < 300000; ++n) ceiling *= 2;
    if (ceiling > 300000) ceiling = 300000;
    CHECK(gap <= ceiling);
    CHECK_EQ(gap, 0xffffffffu % (ceiling + 1));
  }
}

TEST_CASE("sender: 429 honours Retry-After seconds, 503 the HTTP-date, 500 neither") {
  {
    fake::reset();
    Rig rig;
    fake::state().script.push_back(fake::answer(429, "7"));
    rig.push(50);
    rig.step();
    CHECK_EQ(rig.wake(), 10u + 7000u);
    CHECK(fake::logged("-> 429 in 10 ms, retry in 7.0 s"));
  }
  {
    fake::reset();
    Rig rig;
    // Boot is 2026-11-26T10:00:00Z; the answer arrives at +10 ms.
    fake::state().script.push_back(fake::answer(503, "Thu, 26 Nov 2026 10:00:12 GMT"));
    rig.push(50);
    rig.step();
    CHECK_EQ(rig.wake(), 12000u);
  }
  {
    fake::reset();
    Rig rig;
    fake::state().synced = false;  // the date cannot be placed: back off instead
    fake::state().script.push_back(fake::answer(503, "Thu, 26 Nov 2026 10:00:12 GMT"));
    fake::state().randoms.push_back(700);
    rig.push(50);
    rig.sender.drain();
    rig.step();
    CHECK_EQ(rig.requests(), 1u);
    CHECK_EQ(rig.wake(), 10u + 700u);
  }
  {
    fake::reset();
    Rig rig;
    fake::state().script.push_back(fake::answer(500, "60"));
    fake::state().randoms.push_back(700);
    rig.push(50);
    rig.step();
    CHECK_EQ(rig.wake(), 10u + 700u);
  }
  {
    fake::reset();
    Rig rig;
    fake::state().script.push_back(fake::answer(429, "86400"));
    rig.push(50);
    rig.step();
    CHECK_EQ(rig.wake(), 10u + 600000u);  // clamped to 10 min
  }
}

namespace {

// Answers `status` to any batch holding one of `poison`, 202 otherwise, and
// collects the values of accepted batches.
struct PoisonServer {
  PoisonServer(int status, std::set<double> poison) : status(status), poison(poison) {}
  int status;
  std::set<double> poison;
  std::vector<double> accepted;
  size_t refusals = 0;

  fake::HttpResponse operator()(const fake::Request& request) {
    bool ok = false;
    const std::vector<Reading> readings = parseBody(request.body, &ok);
    CHECK(ok);
    for (size_t i = 0; i < readings.size(); ++i) {
      if (poison.count(readings[i].value)) {
        ++refusals;
        return fake::answer(status);
      }
    }
    for (size_t i = 0; i < readings.size(); ++i) accepted.push_back(readings[i].value);
    return fake::answer(202);
  }
};

}  // namespace

TEST_CASE("sender: 400/413/422 split the batch in halves until the poison reading is alone") {
  const int codes[] = {400, 413, 422};
  for (size_t c = 0; c < 3; ++c) {
    CHECK_CONTEXT("status " + check::show(codes[c]));
    fake::reset();
    Rig rig;
    PoisonServer server(codes[c], std::set<double>{37});
    fake::state().responder = std::ref(server);
    rig.push(50);
    rig.runUntil(10000);
    // The poison is found within seconds; the readings after it were not a full
    // batch any more, so they go out when they are 30 s old.
    CHECK_EQ(rig.shared.stats.rejected, 1u);
    CHECK_EQ(rig.shared.ring.size(), 12u);
    rig.runUntil(31000);
    CHECK(rig.shared.ring.empty());
    CHECK_EQ(rig.shared.stats.rejected, 1u);
    CHECK_EQ(rig.shared.stats.delivered, 49u);
    std::vector<double> expected;
    for (int i = 0; i < 50; ++i) {
      if (i != 37) expected.push_back(i);
    }
    std::vector<double> got = server.accepted;
    std::sort(got.begin(), got.end());
    CHECK(got == expected);
    // Bisection, not one request per reading: 1 + about 2 per halving.
    CHECK(rig.requests() <= 14u);
    CHECK(fake::logged("dropped the refused reading rssi = 37"));
    CHECK(fake::logged("splitting the batch"));
  }
}

TEST_CASE("sender: two poison readings in one batch are both isolated") {
  fake::reset();
  Rig rig;
  PoisonServer server(400, std::set<double>{3, 40});
  fake::state().responder = std::ref(server);
  rig.push(50);
  rig.runUntil(45000);  // the second is found when the rest goes out by age, at 30 s
  CHECK(rig.shared.ring.empty());
  CHECK_EQ(rig.shared.stats.rejected, 2u);
  CHECK_EQ(rig.shared.stats.delivered, 48u);
  CHECK_EQ(server.accepted.size(), 48u);
  CHECK(rig.requests() <= 26u);
}

TEST_CASE("sender: bisection requests are paced 500 ms apart for the rate limit") {
  fake::reset();
  Rig rig;
  PoisonServer server(400, std::set<double>{3, 20, 40});
  fake::state().responder = std::ref(server);
  rig.push(50);
  rig.runUntil(60000);
  CHECK(rig.shared.ring.empty());
  CHECK_EQ(rig.shared.stats.rejected, 3u);
  const std::vector<fake::Request>& reqs = fake::state().requests;
  CHECK(reqs.size() >= 10u);
  for (size_t i = 1; i < reqs.size(); ++i) {
    CHECK_CONTEXT("request " + check::show(i));
    CHECK(reqs[i].atMs - (reqs[i - 1].atMs + 10) >= 500u);
  }
}

TEST_CASE("sender: a reading refused alone is dropped and counted") {
  fake::reset();
  Rig rig;
  fake::state().script.push_back(fake::answer(400));
  rig.push(1);
  rig.sender.drain();
  rig.step();
  CHECK_EQ(rig.requests(), 1u);
  CHECK(rig.shared.ring.empty());
  CHECK_EQ(rig.shared.stats.rejected, 1u);
  CHECK_EQ(rig.shared.stats.delivered, 0u);
}

TEST_CASE("sender: 401/403/404 keep the data and retry after 15 min, 30 min, 1 h, 1 h") {
  const int codes[] = {401, 403, 404};
  const char* const advice[] = {"check HARBOR_API_KEY in include/harbor_secrets.h",
                                "check HARBOR_API_KEY in include/harbor_secrets.h",
                                "check HARBOR_ID and HARBOR_BASE_URL in include/harbor_config.h"};
  for (size_t c = 0; c < 3; ++c) {
    CHECK_CONTEXT("status " + check::show(codes[c]));
    fake::reset();
    Rig rig;
    for (int i = 0; i < 4; ++i) fake::state().script.push_back(fake::answer(codes[c]));
    rig.push(50);
    rig.step();
    CHECK_EQ(rig.requests(), 1u);
    CHECK(rig.sender.inConfigError());
    CHECK(fake::state().indicator == fake::Indicator::ConfigError);
    CHECK(fake::logged(advice[c]));
    CHECK(fake::logged("[harbor] ERROR: "));
    uint64_t at = 10;
    const uint64_t delays[] = {900000, 1800000, 3600000, 3600000};
    for (int i = 0; i < 4; ++i) {
      CHECK_EQ(rig.wake(), at + delays[i]);
      rig.runUntil(at + delays[i] - 1);
      CHECK_EQ(rig.requests(), static_cast<size_t>(i + 1));
      rig.runUntil(at + delays[i]);
      CHECK_EQ(rig.requests(), static_cast<size_t>(i + 2));
      at += delays[i] + 10;
    }
    // Data kept the whole time; the last answer (202) delivers it.
    CHECK(rig.shared.ring.empty());
    CHECK_EQ(rig.shared.stats.delivered, 50u);
    CHECK_EQ(rig.shared.stats.rejected, 0u);
    CHECK(!rig.sender.inConfigError());
    CHECK(fake::state().indicator == fake::Indicator::Ok);
    CHECK(fake::logged("accepts the data again"));
    CHECK(!fake::logged(kApiKey));
  }
}

TEST_CASE("sender: a configuration error never triggers the 6 h restart") {
  fake::reset();
  Rig rig;
  fake::state().responder = [](const fake::Request&) { return fake::answer(401); };
  rig.push(50);
  rig.runUntil(12ull * 3600 * 1000);
  CHECK_EQ(fake::state().restarts, 0);
  CHECK_EQ(rig.shared.ring.size(), 50u);
  // Attempts at 0, 15 min, 45 min, then hourly from 1 h 45 to 11 h 45.
  CHECK_EQ(rig.requests(), 14u);
}

TEST_CASE("sender: restarts after 6 h with data waiting and no successful send") {
  fake::reset();
  Rig rig;
  fake::state().responder = [](const fake::Request&) { return fake::answer(503); };
  rig.push(50);
  rig.runUntil(6ull * 3600 * 1000 - 1);
  CHECK_EQ(fake::state().restarts, 0);
  rig.runUntil(6ull * 3600 * 1000 + 5 * 60 * 1000 + 1000);
  CHECK_EQ(fake::state().restarts, 1);
  CHECK(fake::logged("restarting"));
}

TEST_CASE("sender: Wi-Fi down for hours never restarts the board and loses the buffer") {
  fake::reset();
  fake::state().network = false;
  Rig rig;
  rig.push(50);
  rig.runUntil(12ull * 3600 * 1000);
  CHECK_EQ(fake::state().restarts, 0);
  CHECK_EQ(rig.requests(), 0u);
  CHECK_EQ(rig.shared.ring.size(), 50u);
  // Once it is back, the readings go out.
  fake::state().network = true;
  rig.runUntil(12ull * 3600 * 1000 + 2000);
  CHECK(rig.shared.ring.empty());
  CHECK_EQ(rig.shared.stats.delivered, 50u);
}

TEST_CASE("sender: the 6 h restart counts from the network last coming up") {
  fake::reset();
  Rig rig;
  fake::state().responder = [](const fake::Request&) { return fake::answer(503); };
  rig.push(50);
  const uint64_t hour = 3600ull * 1000;
  rig.runUntil(4 * hour);
  // Wi-Fi drops for a minute: the failures so far were not a wedged stack.
  fake::state().network = false;
  rig.runUntil(4 * hour + 60000);
  fake::state().network = true;
  rig.runUntil(4 * hour + 61000);
  const uint64_t upAt = fake::state().nowMs;
  rig.runUntil(upAt + 6 * hour - 5 * 60 * 1000 - 1000);  // 9 h 55 min after boot
  CHECK_EQ(fake::state().restarts, 0);
  rig.runUntil(upAt + 6 * hour + 5 * 60 * 1000 + 1000);
  CHECK_EQ(fake::state().restarts, 1);
  CHECK(fake::logged("restarting"));
}

TEST_CASE("sender: untimed readings wait 5 min from the network coming up, not from boot") {
  fake::reset();
  fake::state().synced = false;
  fake::state().network = false;
  Rig rig;
  rig.push(3);
  const uint64_t upAt = 30 * 60 * 1000;  // Wi-Fi at minute 30
  rig.runUntil(upAt - 1);
  fake::state().network = true;
  rig.runUntil(upAt + 300000 - 1001);  // the poll may notice it up to 1 s late
  CHECK_EQ(rig.requests(), 0u);
  rig.runUntil(upAt + 300000 + 2000);
  CHECK_EQ(rig.requests(), 1u);
  CHECK(rig.shared.ring.empty());
  const std::vector<Reading> r = rig.body(0);
  CHECK_EQ(r.size(), 3u);
  for (size_t i = 0; i < r.size(); ++i) CHECK_EQ(r[i].time, "");
}

TEST_CASE("sender: SNTP arriving within the grace after a late network sends times") {
  fake::reset();
  fake::state().synced = false;
  fake::state().network = false;
  Rig rig;
  rig.push(3);
  rig.runUntil(30 * 60 * 1000);
  fake::state().network = true;
  rig.runUntil(30 * 60 * 1000 + 120000);
  CHECK_EQ(rig.requests(), 0u);
  fake::state().synced = true;
  rig.runUntil(30 * 60 * 1000 + 122000);
  CHECK_EQ(rig.requests(), 1u);
  const std::vector<Reading> r = rig.body(0);
  CHECK_EQ(r.size(), 3u);
  CHECK_EQ(r[0].time, "2026-11-26T10:00:00.000Z");
}

TEST_CASE("sender: other 4xx drop the batch and count it") {
  fake::reset();
  Rig rig;
  fake::state().script.push_back(fake::answer(409));
  rig.push(60);
  rig.step();
  CHECK_EQ(rig.shared.ring.size(), 10u);
  CHECK_EQ(rig.shared.stats.rejected, 50u);
  CHECK_EQ(rig.shared.stats.sendFailures, 1u);
  CHECK(fake::logged("-> 409 in 10 ms, dropped the batch"));
  rig.sender.drain();
  rig.step();
  CHECK(rig.shared.ring.empty());
  CHECK_EQ(rig.shared.stats.delivered, 10u);
}

TEST_CASE("sender: untimed readings wait 5 min for the clock, then one per cargo per batch") {
  fake::reset();
  fake::state().synced = false;
  Rig rig;
  for (int i = 0; i < 10; ++i) {
    rig.push(3);  // one of each metric
    fake::state().nowMs += 10000;
  }
  rig.push(50);
  rig.step();
  CHECK_EQ(rig.requests(), 0u);  // full, but no reading has a time yet
  CHECK_EQ(rig.wake(), 300000u);
  rig.runUntil(299999);
  CHECK_EQ(rig.requests(), 0u);
  rig.runUntil(300000 + 5000);
  CHECK(rig.shared.ring.empty());
  CHECK_EQ(rig.shared.stats.delivered, 80u);
  for (size_t i = 0; i < rig.requests(); ++i) {
    const std::vector<Reading> r = rig.body(i);
    std::set<std::string> cargos;
    for (size_t j = 0; j < r.size(); ++j) {
      CHECK_EQ(r[j].time, "");
      CHECK(cargos.insert(r[j].cargoId).second);
    }
  }
}

TEST_CASE("sender: readings stamped before the clock synced are sent with their UTC time") {
  fake::reset();
  fake::state().synced = false;
  Rig rig;
  fake::state().nowMs = 1000;
  rig.push(1);
  fake::state().nowMs = 2500;
  rig.push(1);
  fake::state().nowMs = 60000;
  rig.step();
  CHECK_EQ(rig.requests(), 0u);
  fake::state().synced = true;
  rig.step();  // both older than 30 s
  CHECK_EQ(rig.requests(), 1u);
  const std::vector<Reading> r = rig.body(0);
  CHECK_EQ(r.size(), 2u);
  CHECK_EQ(r[0].time, "2026-11-26T10:00:01.000Z");
  CHECK_EQ(r[1].time, "2026-11-26T10:00:02.500Z");
}

TEST_CASE("sender: a reading once sent untimed is resent untimed after the clock syncs") {
  fake::reset();
  fake::state().synced = false;
  Rig rig;
  rig.push(3);
  fake::state().script.push_back(fake::answer(503));  // the answer is lost
  fake::state().randoms.push_back(1000);
  rig.runUntil(300000);
  CHECK_EQ(rig.requests(), 1u);
  CHECK_EQ(rig.shared.ring.size(), 3u);
  fake::state().synced = true;  // SNTP arrives before the retry
  rig.push(1);                  // stamped with UTC
  rig.runUntil(300000 + 10 + 1000);
  CHECK_EQ(rig.requests(), 2u);
  CHECK(rig.shared.ring.empty());
  const std::vector<Reading> first = rig.body(0);
  const std::vector<Reading> retry = rig.body(1);
  CHECK_EQ(retry.size(), 4u);
  for (size_t i = 0; i < 3 && i < retry.size(); ++i) {
    CHECK_EQ(retry[i].time, "");
    CHECK_EQ(retry[i].value, first[i].value);
  }
  if (retry.size() == 4u) CHECK(retry[3].time != "");
}

TEST_CASE("sender: drain sends a partial batch at once") {
  fake::reset();
  Rig rig;
  rig.push(5);
  rig.step();
  CHECK_EQ(rig.requests(), 0u);
  rig.sender.drain();
  CHECK_EQ(rig.wake(), fake::state().nowMs);
  rig.step();
  CHECK_EQ(rig.requests(), 1u);
  CHECK(rig.shared.ring.empty());
  CHECK_EQ(rig.wake(), UINT64_MAX);
}

TEST_CASE("sender: with the network down nothing is attempted or counted") {
  fake::reset();
  Rig rig;
  fake::state().network = false;
  rig.push(50);
  rig.step();
  CHECK_EQ(rig.requests(), 0u);
  CHECK_EQ(rig.shared.stats.sendFailures, 0u);
  CHECK_EQ(rig.wake(), 1000u);
  fake::state().network = true;
  rig.runUntil(1000);
  CHECK_EQ(rig.requests(), 1u);
  CHECK(rig.shared.ring.empty());
}

TEST_CASE("sender: commits exactly what it sent when the buffer overflowed meanwhile") {
  fake::reset();
  Rig rig(60);
  rig.push(50);
  // The sampler task keeps going during the request and overflows the ring.
  fake::state().duringExchange = [&rig]() {
    rig.push(30);
    fake::state().duringExchange = nullptr;
  };
  rig.step();
  CHECK_EQ(rig.shared.ring.dropped(), 20u);
  CHECK_EQ(rig.shared.ring.size(), 30u);
  CHECK_EQ(rig.shared.ring.at(0).value, 50.0);
  // The 20 dropped meanwhile count as dropped, not also as delivered.
  CHECK_EQ(rig.shared.stats.delivered, 30u);
  CHECK_EQ(rig.shared.stats.delivered + rig.shared.ring.dropped() + rig.shared.ring.size(), 80u);
}

TEST_CASE("sender: readings dropped during a refused request are not counted rejected too") {
  {
    CHECK_CONTEXT("409 drops the batch");
    fake::reset();
    Rig rig(60);
    fake::state().script.push_back(fake::answer(409));
    rig.push(50);
    fake::state().duringExchange = [&rig]() {
      rig.push(30);
      fake::state().duringExchange = nullptr;
    };
    rig.step();
    CHECK_EQ(rig.shared.ring.dropped(), 20u);
    CHECK_EQ(rig.shared.stats.rejected, 30u);
    CHECK_EQ(rig.shared.ring.size(), 30u);
  }
  {
    CHECK_CONTEXT("a reading refused alone");
    fake::reset();
    Rig rig(1);
    fake::state().script.push_back(fake::answer(400));
    rig.push(1);
    fake::state().duringExchange = [&rig]() {
      rig.push(1);  // overwrites the one in flight
      fake::state().duringExchange = nullptr;
    };
    rig.sender.drain();
    rig.step();
    CHECK_EQ(rig.shared.ring.dropped(), 1u);
    CHECK_EQ(rig.shared.stats.rejected, 0u);
    CHECK_EQ(rig.shared.ring.size(), 1u);
    CHECK_EQ(rig.shared.ring.at(0).value, 1.0);
  }
}

TEST_CASE("sender: never holds the lock across the network and never nests it") {
  fake::reset();
  Rig rig;
  fake::state().script.push_back(fake::answer(503));
  fake::state().script.push_back(fake::answer(400));
  rig.push(120);
  rig.runUntil(100000);
  CHECK(rig.shared.ring.empty());
  CHECK_EQ(fake::state().maxLockDepth, 1);
  CHECK_EQ(fake::state().lockDepth, 0);
  CHECK(!fake::logged("FAKE:"));
}

TEST_CASE("sender: a reading too large for maxBytes is dropped, not retried forever") {
  fake::reset();
  Rig rig(200, 50, 60);  // one reading needs about 110 bytes
  rig.push(2);
  rig.sender.drain();
  rig.runUntil(1000);
  CHECK(rig.shared.ring.empty());
  CHECK_EQ(rig.requests(), 0u);
  CHECK_EQ(rig.shared.stats.rejected, 2u);
}
