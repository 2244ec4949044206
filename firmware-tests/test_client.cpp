// HarborClient as a sketch of the user's own uses it (Harbor.h).
#include <limits>
#include <string>
#include <vector>

#include "Harbor.h"
#include "body_parser.h"
#include "check.h"
#include "fake_platform.h"

namespace {

const char* const kCargos[] = {"temperature"};
const harbor::UplinkConfig kConfig = {"garden-1", "esp32", "https://harborscale.com/api/v2/ingest", "hb", "hb_key", 0, 0,
                                      {50, 12288, 30000}, kCargos, 1};

struct Seen {
  int calls = 0;
  int lastStatus = 0;
  uint32_t lastRecords = 0;
};

void onStatus(const harbor::SendStatus& status, void* arg) {
  Seen* seen = static_cast<Seen*>(arg);
  ++seen->calls;
  seen->lastStatus = status.status;
  seen->lastRecords = status.records;
}

}  // namespace

TEST_CASE("client: records from the sketch's loop, stamped when called, sent by loop() after the batch age") {
  fake::reset();
  static harbor::Client<100, 4096> harbor(kConfig);
  Seen seen;
  harbor.onStatus(&onStatus, &seen);
  CHECK(harbor.begin());
  CHECK(fake::state().wifiSsid.empty());  // begin() left Wi-Fi to the sketch
  for (int i = 0; i < 20; ++i) {
    CHECK(harbor.record("temperature", 20.0 + i));
    harbor.loop();
    fake::state().nowMs += 2000;  // the sketch's delay(2000)
  }
  CHECK_EQ(fake::state().requests.size(), 1u);  // at the 30 s batch age
  harbor.flush(1000);
  CHECK_EQ(harbor.stats().delivered, 20u);
  CHECK_EQ(seen.calls, 2);
  CHECK_EQ(seen.lastStatus, 202);
  bool ok = false;
  const std::vector<Reading> first = parseBody(fake::state().requests[0].body, &ok);
  CHECK(ok);
  CHECK_EQ(first.size(), 16u);
  CHECK_EQ(first[0].time, "2026-11-26T10:00:00.000Z");
  CHECK_EQ(first[1].time, "2026-11-26T10:00:02.000Z");
  CHECK_EQ(first[0].shipId, "garden-1");
}

TEST_CASE("client: keeps readings while the sketch's Wi-Fi is down and sends them once it is back") {
  fake::reset();
  static harbor::Client<100, 4096> harbor(kConfig);
  harbor.begin();
  fake::state().network = false;
  for (int i = 0; i < 30; ++i) {
    harbor.record("temperature", i);
    harbor.loop();
    fake::state().nowMs += 10000;
  }
  CHECK(fake::state().requests.empty());
  CHECK_EQ(harbor.stats().buffered, 30u);
  fake::state().network = true;
  for (int i = 0; i < 5; ++i) {
    harbor.loop();
    fake::state().nowMs += 1000;
  }
  CHECK_EQ(harbor.stats().delivered, 30u);
}

TEST_CASE("client: cargo ids it was not given are taken up to the table's size, then refused, counted and said once") {
  fake::reset();
  static harbor::Client<100, 4096> harbor(kConfig);
  harbor.begin();
  char id[16];
  int accepted = 0;
  for (int i = 0; i < HARBOR_MAX_EXTRA_CARGOS + 3; ++i) {
    snprintf(id, sizeof id, "extra_%d", i);
    if (harbor.record(id, 1.0)) ++accepted;
  }
  CHECK_EQ(accepted, HARBOR_MAX_EXTRA_CARGOS);
  CHECK_EQ(harbor.stats().refused, 3u);
  CHECK(harbor.record("extra_0", 2.0));  // known by now
  CHECK(!harbor.record("", 1.0));          // not an id
  CHECK(!harbor.record("temperature", std::numeric_limits<double>::quiet_NaN()));
  CHECK_EQ(harbor.stats().refused, 5u);
  int said = 0;
  for (size_t i = 0; i < fake::state().logs.size(); ++i) said += fake::state().logs[i].find("refused a reading") != std::string::npos;
  CHECK_EQ(said, 1);
}

TEST_CASE("client: a time given by the sketch is kept; one before 2024 is refused") {
  fake::reset();
  static harbor::Client<100, 4096> harbor(kConfig);
  harbor.begin();
  CHECK(harbor.record("temperature", 1.0, 1795687200123LL));
  CHECK(!harbor.record("temperature", 1.0, 1000));
  harbor.flush(1000);
  bool ok = false;
  const std::vector<Reading> sent = parseBody(fake::state().requests.at(0).body, &ok);
  CHECK_EQ(sent.size(), 1u);
  if (!sent.empty()) CHECK_EQ(sent[0].time, "2026-11-26T10:00:00.123Z");
}

TEST_CASE("client: begin(ssid, password) joins and keeps Wi-Fi up itself") {
  fake::reset();
  static harbor::Client<100, 4096> harbor(kConfig);
  harbor.begin("garden", "a password");
  CHECK_EQ(fake::state().wifiSsid, "garden");
  CHECK_EQ(fake::state().wifiPassword, "a password");
}
