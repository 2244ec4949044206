#include <map>
#include <string>
#include <vector>

#include "body_parser.h"
#include "check.h"
#include "fake_platform.h"
#include "harbor/civil_time.h"
#include "harbor/builtin_metrics.h"
#include "harbor/device.h"
#include "uplink_rig.h"

using harbor::BuiltinMetric;
using harbor::Device;
using harbor::MetricKind;
using harbor::MetricSpec;
using harbor::Slot;

namespace {

const char* const kKey = fake::kTestApiKey;
const char* const kWifiPassword = fake::kTestWifiPassword;

const char* const kCargos[] = {"rssi", "temperature", "dropped"};
const MetricSpec kRssi = {static_cast<uint32_t>(MetricKind::WifiRssi), 10000, -1, 0, 1.0, 0.0, 0.0};
const MetricSpec kTemperature = {static_cast<uint32_t>(MetricKind::Simulated), 5000, -1, 600000, 1.0, 21.0, 3.0};
const MetricSpec kDropped = {static_cast<uint32_t>(MetricKind::Dropped), 60000, -1, 0, 1.0, 0.0, 0.0};
const int16_t kCargo0[] = {0};
const int16_t kCargo1[] = {1};
const int16_t kCargo2[] = {2};
const harbor::WifiConfig kWifi = {"greenhouse", kWifiPassword};

// What a generated src/main.cpp declares: three metrics, their slots, the uplink and the device.
struct DeviceRig {
  DeviceRig(const char* shipId, const char* baseUrl, const char* harborId, bool insecure, size_t capacity)
      : uplinkRig(kCargos, 3, capacity, shipId, baseUrl, harborId, insecure),
        rssi(kRssi, uplinkRig.uplink),
        temperature(kTemperature, uplinkRig.uplink),
        dropped(kDropped, uplinkRig.uplink),
        device(kWifi, uplinkRig.uplink, slots(), 3) {}

  const Slot* slots() {
    slotTable[0].component = &rssi;
    slotTable[0].cargos = kCargo0;
    slotTable[0].channels = 1;
    slotTable[1].component = &temperature;
    slotTable[1].cargos = kCargo1;
    slotTable[1].channels = 1;
    slotTable[2].component = &dropped;
    slotTable[2].cargos = kCargo2;
    slotTable[2].channels = 1;
    return slotTable;
  }

  fake::UplinkRig uplinkRig;
  BuiltinMetric rssi;
  BuiltinMetric temperature;
  BuiltinMetric dropped;
  Slot slotTable[3];
  Device device;
};

int64_t parseTime(const std::string& t) {
  // "2026-11-26T10:00:05.000Z"
  const int64_t days = harbor::daysFromCivil(atoi(t.substr(0, 4).c_str()),
                                             static_cast<unsigned>(atoi(t.substr(5, 2).c_str())),
                                             static_cast<unsigned>(atoi(t.substr(8, 2).c_str())));
  return days * 86400000 + atoi(t.substr(11, 2).c_str()) * 3600000LL +
         atoi(t.substr(14, 2).c_str()) * 60000LL + atoi(t.substr(17, 2).c_str()) * 1000LL +
         atoi(t.substr(20, 3).c_str());
}

void runLoopUntil(Device& device, uint64_t untilMs) {
  for (int i = 0; i < 1000000 && fake::state().nowMs < untilMs; ++i) device.loop();
}

}  // namespace

TEST_CASE("device: ship id from the MAC; banner names endpoint and TLS mode") {
  fake::reset();
  DeviceRig rig(0, "https://harborscale.com/api/v2/ingest", "hb-123", false, 100);
  Device& device = rig.device;
  device.begin();
  CHECK(Device::current() == &device);
  CHECK_EQ(fake::state().begins, 1);
  CHECK(!fake::state().logs.empty());
  CHECK(fake::logged("ship esp32-b2c3d4"));
  CHECK(fake::logged("endpoint harborscale.com |"));
  CHECK(fake::logged("TLS verified (certificate bundle)"));
  CHECK(fake::logged("buffer 100 readings | batch 50 readings / 12288 bytes / 30 s"));
  CHECK(fake::logged("3 components"));
  CHECK_EQ(fake::state().wifiSsid, "greenhouse");
  CHECK(!fake::logged("TLS verification OFF"));
  CHECK(!fake::logged("_printf_float"));  // the boot check stays quiet with a complete printf
  device.loop();  // the first readings
  device.stopSampling();
  for (int i = 0; i < 10 && !device.drained(); ++i) device.loop();
  CHECK_EQ(fake::state().requests.size(), 1u);
  CHECK_EQ(fake::state().requests.at(0).url, "https://harborscale.com/api/v2/ingest/hb-123/batch");
  bool ok = false;
  const std::vector<Reading> r = parseBody(fake::state().requests.at(0).body, &ok);
  CHECK(ok);
  CHECK(!r.empty());
  for (size_t i = 0; i < r.size(); ++i) CHECK_EQ(r[i].shipId, "esp32-b2c3d4");
}

TEST_CASE("device: TLS verification OFF is announced loudly; self-hosted paths have no harbor id") {
  fake::reset();
  DeviceRig rig("greenhouse-1", "https://10.0.0.5:8000/api/v2/ingest", "", true, 10);
  Device& device = rig.device;
  device.begin();
  CHECK(fake::logged("ship greenhouse-1"));
  CHECK(fake::logged("endpoint 10.0.0.5:8000"));
  CHECK(fake::logged("TLS verification OFF"));
  CHECK(fake::logged("WARNING: TLS verification is OFF"));
  device.loop();  // the first readings
  device.stopSampling();
  for (int i = 0; i < 10 && !device.drained(); ++i) device.loop();
  CHECK_EQ(fake::state().requests.at(0).url, "https://10.0.0.5:8000/api/v2/ingest/batch");
}

TEST_CASE("device: plain http is named as such") {
  fake::reset();
  DeviceRig rig("s", "http://192.168.1.10:8000/api/v2/ingest", "", false, 10);
  Device& device = rig.device;
  device.begin();
  CHECK(fake::logged("plain HTTP, no TLS"));
}

TEST_CASE("device: samples on schedule and delivers every reading once with its time") {
  fake::reset();
  DeviceRig rig(0, "https://harborscale.com/api/v2/ingest", "hb", false, 500);
  Device& device = rig.device;
  device.begin();
  runLoopUntil(device, 600000);  // 10 minutes
  device.stopSampling();
  for (int i = 0; i < 100 && !device.drained(); ++i) device.loop();
  CHECK(device.drained());

  const int64_t boot = fake::state().offsetMs;
  std::map<std::string, std::vector<int64_t> > times;
  for (size_t i = 0; i < fake::state().requests.size(); ++i) {
    bool ok = false;
    const std::vector<Reading> r = parseBody(fake::state().requests[i].body, &ok);
    CHECK(ok);
    CHECK(!r.empty());
    for (size_t j = 0; j < r.size(); ++j) times[r[j].cargoId].push_back(parseTime(r[j].time));
    // No reading waited longer than the 30 s age limit.
    if (!r.empty()) {
      CHECK(static_cast<int64_t>(fake::state().requests[i].atMs) - (parseTime(r[0].time) - boot) <=
            30000);
    }
  }
  CHECK_EQ(times["rssi"].size(), 60u);
  CHECK_EQ(times["temperature"].size(), 120u);
  CHECK_EQ(times.count("dropped"), 0u);  // nothing dropped: no reading of it
  for (size_t i = 0; i < times["rssi"].size(); ++i) {
    CHECK_EQ(times["rssi"][i], boot + static_cast<int64_t>(i) * 10000);
  }
  for (size_t i = 0; i < times["temperature"].size(); ++i) {
    CHECK_EQ(times["temperature"][i], boot + static_cast<int64_t>(i) * 5000);
  }
  const harbor::Stats s = device.stats();
  CHECK_EQ(s.sampled, 180u);
  CHECK_EQ(s.delivered, 180u);
  CHECK_EQ(s.buffered, 0u);
  CHECK_EQ(s.dropped, 0u);
  // Batched by age: a request about every 30-35 s, not one per reading.
  CHECK(s.requests >= 17u && s.requests <= 20u);
  CHECK_EQ(s.requests, static_cast<uint32_t>(fake::state().requests.size()));
}

TEST_CASE("device: a full buffer during an outage drops the oldest and reports it") {
  fake::reset();
  DeviceRig rig("s", "https://harborscale.com/api/v2/ingest", "hb", false, 20);
  Device& device = rig.device;
  fake::state().network = false;
  device.begin();
  runLoopUntil(device, 300000);
  harbor::Stats s = device.stats();
  CHECK_EQ(s.buffered, 20u);
  CHECK(s.dropped > 0u);
  CHECK_EQ(s.sampled, s.dropped + s.buffered);
  CHECK(fake::state().requests.empty());
  fake::state().network = true;
  runLoopUntil(device, 400000);
  device.stopSampling();
  for (int i = 0; i < 100 && !device.drained(); ++i) device.loop();
  s = device.stats();
  CHECK(device.drained());
  CHECK_EQ(s.delivered + s.dropped, s.sampled);
  bool sawDropped = false;
  for (size_t i = 0; i < fake::state().requests.size(); ++i) {
    sawDropped = sawDropped || fake::state().requests[i].body.find("\"cargo_id\":\"dropped\"") !=
                                   std::string::npos;
  }
  CHECK(sawDropped);
}

TEST_CASE("device: never logs the API key or the Wi-Fi password") {
  fake::reset();
  DeviceRig rig(0, "https://harborscale.com/api/v2/ingest", "hb", true, 100);
  Device& device = rig.device;
  fake::state().script.push_back(fake::answer(401));
  fake::state().script.push_back(fake::answer(403));
  fake::state().script.push_back(fake::failure(fake::TransportError::Tls));
  fake::state().script.push_back(fake::answer(400));
  device.begin();
  runLoopUntil(device, 3 * 3600 * 1000);
  CHECK(fake::state().requests.size() >= 4u);
  CHECK(fake::logged("check HARBOR_API_KEY"));
  CHECK(!fake::logged(kKey));
  CHECK(!fake::logged(kWifiPassword));
}

TEST_CASE("device: with a sender task the loop only samples") {
  fake::reset();
  fake::state().senderTask = true;
  DeviceRig rig("s", "https://harborscale.com/api/v2/ingest", "hb", false, 100);
  Device& device = rig.device;
  device.begin();
  runLoopUntil(device, 120000);
  CHECK(fake::state().requests.empty());
  CHECK(device.stats().buffered > 0u);
  // The loop wakes for readings, not for the sender: every 5 s.
  CHECK_EQ(fake::state().nowMs, 120000u);
}
