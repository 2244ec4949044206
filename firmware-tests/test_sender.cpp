#include <math.h>
#include <string.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "body_parser.h"
#include "check.h"
#include "fake_platform.h"
#include "harbor/record_ring.h"
#include "harbor/sender.h"
#include "harbor/shared_state.h"

using harbor::Record;
using harbor::RecordRing;
using harbor::Sender;
using harbor::SharedState;
using harbor::UplinkConfig;
using harbor::platform::TransportError;

namespace {

const char* const kApiKey = "hb_SECRET_key_0123456789";
const char* const kCargos[] = {"temperature", "rssi", "humidity"};

// A sender on the fake platform with its buffer and a clock to drive.
struct Rig {
  explicit Rig(size_t capacity = 200, uint32_t maxRecords = 50, uint32_t maxBytes = 12288,
               uint32_t maxAgeMs = 30000)
      : storage(capacity),
        ring(&storage[0], capacity),
        config(makeConfig(maxRecords, maxBytes, maxAgeMs)),
        shared(ring, config),
        bodyBuffer(12289),
        sender(config, shared, &bodyBuffer[0], bodyBuffer.size()),
        pushed(0) {
    sender.begin("esp32-a1b2c3", "https://h.example/api/v2/ingest/hb/batch", fake::state().nowMs);
  }

  static UplinkConfig makeConfig(uint32_t maxRecords, uint32_t maxBytes, uint32_t maxAgeMs) {
    UplinkConfig c = {"esp32-a1b2c3", "esp32", "https://h.example/api/v2/ingest", "hb", kApiKey, 0, 0,
                      {maxRecords, maxBytes, maxAgeMs}, kCargos, 3};
    return c;
  }

  // Readings 0, 1, 2, … (value = its number), cycling through the cargos,
  // stamped now (UTC when synced, else monotonic) like a component would.
  void push(size_t n, uint8_t cargo = 255) {
    for (size_t i = 0; i < n; ++i) {
      Record r;
      r.value = static_cast<double>(pushed);
      r.cargo = cargo == 255 ? static_cast<uint8_t>(pushed % 3) : cargo;
      r.flags = 0;
      const int64_t now = static_cast<int64_t>(fake::state().nowMs);
      if (fake::state().synced) {
        harbor::setRecordUtc(&r, now + fake::state().offsetMs);
      } else {
        harbor::setRecordMonotonic(&r, static_cast<uint64_t>(now));
        shared.hasMonotonic = true;
      }
      shared.store.push(r);
      ++shared.stats.sampled;
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

  // sampled == delivered + dropped + rejected + buffered
  bool balanced() const {
    const harbor::Stats s = shared.snapshot();
    return s.sampled == s.delivered + s.dropped + s.rejected + s.buffered;
  }

  std::vector<Record> storage;
  RecordRing ring;
  UplinkConfig config;
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
  CHECK(rig.shared.store.empty());
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
  rig.sender.drain(true);
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
  rig.sender.drain(true);
  rig.runUntil(1000);
  CHECK(rig.shared.store.empty());
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
  CHECK_EQ(rig.shared.store.size(), 20u);
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
    CHECK(rig.shared.store.empty());
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
    CHECK_EQ(rig.shared.store.size(), 50u);
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
    CHECK(rig.shared.store.empty());
    CHECK_EQ(rig.shared.stats.delivered, 50u);
    // Requests written in full: a connect or TLS failure never wrote one.
    const bool written = answers[i].attempts > 0;
    CHECK_EQ(rig.shared.stats.requests, written ? 3u : 1u);
    CHECK_EQ(rig.shared.stats.sendFailures, 2u);
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
    rig.sender.drain(true);
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
    CHECK_EQ(rig.wake(), 10u + 3600000u);  // a day asked, an hour granted
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
    CHECK_EQ(rig.shared.store.size(), 12u);
    rig.runUntil(31000);
    CHECK(rig.shared.store.empty());
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
  CHECK(rig.shared.store.empty());
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
  CHECK(rig.shared.store.empty());
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
  rig.sender.drain(true);
  rig.step();
  CHECK_EQ(rig.requests(), 1u);
  CHECK(rig.shared.store.empty());
  CHECK_EQ(rig.shared.stats.rejected, 1u);
  CHECK_EQ(rig.shared.stats.delivered, 0u);
}

TEST_CASE("sender: 401/403/404 keep the data and retry after 15 min, 30 min, 1 h, 1 h") {
  const int codes[] = {401, 403, 404};
  const char* const advice[] = {"check HARBOR_API_KEY in the secrets header",
                                "check HARBOR_API_KEY in the secrets header",
                                "check HARBOR_ID and HARBOR_BASE_URL in harbor_config.h"};
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
    CHECK(rig.shared.store.empty());
    CHECK_EQ(rig.shared.stats.delivered, 50u);
    CHECK_EQ(rig.shared.stats.rejected, 0u);
    CHECK(!rig.sender.inConfigError());
    CHECK(fake::state().indicator == fake::Indicator::Ok);
    CHECK(fake::logged("accepts the data again"));
    CHECK(!fake::logged(kApiKey));
  }
}

TEST_CASE("sender: a configuration error keeps the data and retries slowly for hours") {
  fake::reset();
  Rig rig;
  fake::state().responder = [](const fake::Request&) { return fake::answer(401); };
  rig.push(50);
  rig.runUntil(12ull * 3600 * 1000);
  CHECK_EQ(fake::state().restarts, 0);
  CHECK_EQ(rig.shared.store.size(), 50u);
  // Attempts at 0, 15 min, 45 min, then hourly from 1 h 45 to 11 h 45.
  CHECK_EQ(rig.requests(), 14u);
}

TEST_CASE("sender: a Harbor failing for a day never restarts the board, which would lose the RAM buffer") {
  fake::reset();
  Rig rig;
  fake::state().responder = [](const fake::Request&) { return fake::answer(503); };
  rig.push(50);
  rig.runUntil(24ull * 3600 * 1000);
  CHECK_EQ(fake::state().restarts, 0);
  CHECK_EQ(rig.shared.store.size(), 50u);
  fake::state().responder = nullptr;
  rig.runUntil(24ull * 3600 * 1000 + 6 * 60 * 1000);
  CHECK(rig.shared.store.empty());
  CHECK_EQ(rig.shared.stats.delivered, 50u);
}

TEST_CASE("sender: Wi-Fi down for hours never restarts the board and loses the buffer") {
  fake::reset();
  fake::state().network = false;
  Rig rig;
  rig.push(50);
  rig.runUntil(12ull * 3600 * 1000);
  CHECK_EQ(fake::state().restarts, 0);
  CHECK_EQ(rig.requests(), 0u);
  CHECK_EQ(rig.shared.store.size(), 50u);
  // Once it is back, the readings go out.
  fake::state().network = true;
  rig.runUntil(12ull * 3600 * 1000 + 2000);
  CHECK(rig.shared.store.empty());
  CHECK_EQ(rig.shared.stats.delivered, 50u);
}

TEST_CASE("sender: untimed readings wait the grace from the network coming up, not from boot") {
  fake::reset();
  fake::state().synced = false;
  fake::state().network = false;
  Rig rig;
  rig.push(3);
  const uint64_t upAt = 30 * 60 * 1000;  // Wi-Fi at minute 30
  rig.runUntil(upAt - 1);
  fake::state().network = true;
  rig.runUntil(upAt + harbor::kUntimedGraceMs - 1001);  // the poll may notice it up to 1 s late
  CHECK_EQ(rig.requests(), 0u);
  rig.runUntil(upAt + harbor::kUntimedGraceMs + 2000);
  CHECK_EQ(rig.requests(), 1u);
  CHECK(rig.shared.store.empty());
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
  rig.runUntil(30 * 60 * 1000 + harbor::kUntimedGraceMs - 5000);
  CHECK_EQ(rig.requests(), 0u);
  fake::state().synced = true;
  rig.runUntil(30 * 60 * 1000 + harbor::kUntimedGraceMs - 3000);
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
  CHECK_EQ(rig.shared.store.size(), 10u);
  CHECK_EQ(rig.shared.stats.rejected, 50u);
  CHECK_EQ(rig.shared.stats.sendFailures, 1u);
  CHECK(fake::logged("-> 409 in 10 ms, dropped the batch"));
  rig.sender.drain(true);
  rig.step();
  CHECK(rig.shared.store.empty());
  CHECK_EQ(rig.shared.stats.delivered, 10u);
}

TEST_CASE("sender: untimed readings wait the grace for the clock, then one per cargo per batch") {
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
  CHECK_EQ(rig.wake(), harbor::kUntimedGraceMs);
  rig.runUntil(harbor::kUntimedGraceMs - 1);
  CHECK_EQ(rig.requests(), 0u);
  rig.runUntil(harbor::kUntimedGraceMs + 35000);  // the last ones also wait out the 30 s batch age
  CHECK(rig.shared.store.empty());
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
  rig.runUntil(harbor::kUntimedGraceMs);
  CHECK_EQ(rig.requests(), 1u);
  CHECK_EQ(rig.shared.store.size(), 3u);
  fake::state().synced = true;  // SNTP arrives before the retry
  rig.push(1);                  // stamped with UTC
  rig.runUntil(harbor::kUntimedGraceMs + 10 + 1000);
  CHECK_EQ(rig.requests(), 2u);
  CHECK(rig.shared.store.empty());
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
  rig.sender.drain(true);
  CHECK_EQ(rig.wake(), fake::state().nowMs);
  rig.step();
  CHECK_EQ(rig.requests(), 1u);
  CHECK(rig.shared.store.empty());
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
  CHECK(rig.shared.store.empty());
}

TEST_CASE("sender: a full buffer drops readings never sent, not those in flight") {
  fake::reset();
  Rig rig(60);
  rig.push(50);
  // The sampler task keeps going during the request and overflows the ring.
  fake::state().duringExchange = [&rig]() {
    rig.push(30);
    fake::state().duringExchange = nullptr;
  };
  rig.step();
  // 50 in flight stay; of the 30 newcomers the oldest 20 go.
  CHECK_EQ(rig.shared.store.dropped(), 20u);
  CHECK_EQ(rig.shared.store.pinned(), 0u);
  CHECK_EQ(rig.shared.stats.delivered, 50u);
  CHECK_EQ(rig.shared.store.size(), 10u);
  CHECK_EQ(rig.shared.store.at(0).value, 70.0);
  CHECK(rig.balanced());
}

TEST_CASE("sender: a batch whose answer was lost stays until a 2xx, so dropped never counts a stored reading") {
  fake::reset();
  Rig rig(60);
  rig.push(50);
  // The Harbor stores the batch, but the connection is cut before its answer.
  fake::state().script.push_back(fake::failure(TransportError::Closed, 1));
  fake::state().randoms.push_back(0);
  rig.step();
  CHECK_EQ(rig.shared.store.size(), 50u);
  CHECK_EQ(rig.shared.store.pinned(), 50u);
  // An outage's worth of readings arrives before the retry.
  rig.push(40);
  CHECK_EQ(rig.shared.store.dropped(), 30u);
  for (size_t i = 0; i < 50; ++i) CHECK_EQ(rig.shared.store.at(i).value, static_cast<double>(i));
  rig.runUntil(fake::state().nowMs + 60000);
  CHECK(rig.shared.store.empty());
  CHECK_EQ(rig.shared.stats.delivered, 60u);
  CHECK_EQ(rig.shared.stats.requests, 3u);
  CHECK(rig.balanced());
}

TEST_CASE("sender: an answered failure unpins its batch, so a long outage drops the oldest") {
  fake::reset();
  Rig rig(60);
  fake::state().responder = [](const fake::Request&) { return fake::answer(503); };
  rig.push(50);
  rig.step();
  CHECK_EQ(rig.shared.store.pinned(), 0u);  // the Harbor said 503: it did not store them
  rig.push(20);
  CHECK_EQ(rig.shared.store.dropped(), 10u);
  CHECK_EQ(rig.shared.store.at(0).value, 10.0);
  // A lost answer later pins them; a 503 after it does not unpin what may be stored.
  fake::state().responder = nullptr;
  fake::state().script.push_back(fake::failure(TransportError::Timeout, 1));
  fake::state().script.push_back(fake::answer(503));
  fake::state().randoms.push_back(0);
  fake::state().randoms.push_back(0);
  rig.runUntil(fake::state().nowMs + 300000);
  CHECK_EQ(rig.shared.store.pinned(), 0u);
  CHECK(rig.shared.store.empty());
  CHECK(rig.balanced());
}

TEST_CASE("sender: a lost answer keeps its batch pinned through a later 503") {
  fake::reset();
  Rig rig(60);
  rig.push(50);
  fake::state().script.push_back(fake::failure(TransportError::Closed, 1));
  fake::state().script.push_back(fake::answer(503));
  fake::state().randoms.push_back(0);
  fake::state().randoms.push_back(500000);  // a long wait after the 503
  rig.step();
  fake::state().nowMs += 10;
  rig.step();
  CHECK_EQ(rig.requests(), 2u);
  CHECK_EQ(rig.shared.store.pinned(), 50u);
  rig.push(20);
  CHECK_EQ(rig.shared.store.dropped(), 10u);
  CHECK_EQ(rig.shared.store.at(0).value, 0.0);
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
    CHECK_EQ(rig.shared.store.dropped(), 20u);
    CHECK_EQ(rig.shared.stats.rejected, 50u);
    CHECK_EQ(rig.shared.store.size(), 10u);
    CHECK(rig.balanced());
  }
  {
    CHECK_CONTEXT("a reading refused alone, the buffer full of it");
    fake::reset();
    Rig rig(1);
    fake::state().script.push_back(fake::answer(400));
    rig.push(1);
    fake::state().duringExchange = [&rig]() {
      rig.push(1);  // no room: the one in flight stays, the newcomer goes
      fake::state().duringExchange = nullptr;
    };
    rig.sender.drain(true);
    rig.step();
    CHECK_EQ(rig.shared.store.dropped(), 1u);
    CHECK_EQ(rig.shared.stats.rejected, 1u);
    CHECK(rig.shared.store.empty());
    CHECK(rig.balanced());
  }
}

TEST_CASE("sender: with SNTP silent, the first answer's Date header stamps the waiting readings") {
  fake::reset();
  fake::state().synced = false;
  fake::state().date = "Thu, 26 Nov 2026 10:02:00 GMT";
  Rig rig;
  fake::state().nowMs = 1000;
  rig.push(3);  // one per cargo
  fake::state().nowMs = 5000;
  rig.push(3);
  rig.runUntil(harbor::kUntimedGraceMs + 10 + 2000);
  CHECK(rig.shared.store.empty());
  // The first batch goes untimed (one per cargo), its answer sets the clock,
  // the second carries times from the Date header: 10:02:00.5 at the answer.
  CHECK_EQ(rig.requests(), 2u);
  const std::vector<Reading> first = rig.body(0);
  CHECK_EQ(first.size(), 3u);
  for (size_t i = 0; i < first.size(); ++i) CHECK_EQ(first[i].time, "");
  const std::vector<Reading> second = rig.body(1);
  CHECK_EQ(second.size(), 3u);
  // Answered at monotonic 120010 ms: boot = 10:02:00.500 - 120.010 s = 10:00:00.490.
  for (size_t i = 0; i < second.size(); ++i) CHECK_EQ(second[i].time, "2026-11-26T10:00:05.490Z");
  CHECK(fake::logged("stamped from the Harbor's Date header"));
}

TEST_CASE("sender: requests count what was written in full, as the Harbor counts them") {
  fake::reset();
  Rig rig;
  rig.push(150);
  fake::state().script.push_back(fake::failure(TransportError::Connect, 0));  // never reached it
  fake::state().script.push_back(fake::answerAfter(202, 2));                  // a stale connection, then a fresh one
  fake::state().randoms.push_back(0);
  rig.runUntil(10000);
  CHECK(rig.shared.store.empty());
  CHECK_EQ(rig.shared.stats.requests, 4u);  // 0 + 2 + 1 + 1
  CHECK_EQ(rig.shared.stats.sendFailures, 1u);
}

TEST_CASE("sender: never holds the lock across the network and never nests it") {
  fake::reset();
  Rig rig;
  fake::state().script.push_back(fake::answer(503));
  fake::state().script.push_back(fake::answer(400));
  rig.push(120);
  rig.runUntil(100000);
  CHECK(rig.shared.store.empty());
  CHECK_EQ(fake::state().maxLockDepth, 1);
  CHECK_EQ(fake::state().lockDepth, 0);
  CHECK(!fake::logged("FAKE:"));
}

TEST_CASE("sender: a reading too large for maxBytes is dropped, not retried forever") {
  fake::reset();
  Rig rig(200, 50, 60);  // one reading needs about 110 bytes
  rig.push(2);
  rig.sender.drain(true);
  rig.runUntil(1000);
  CHECK(rig.shared.store.empty());
  CHECK_EQ(rig.requests(), 0u);
  CHECK_EQ(rig.shared.stats.rejected, 2u);
}
