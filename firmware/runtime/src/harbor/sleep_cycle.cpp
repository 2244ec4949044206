#include "harbor/sleep_cycle.h"

#include <string.h>

#include "harbor/bus/crc.h"
#include "harbor/flash_data.h"
#include "harbor/log.h"
#include "harbor/platform.h"

namespace harbor {

namespace {

const uint32_t kRtcMagic = 0x31534248;  // "HBS1"
// Joining Wi-Fi after a wake: at most this long before the readings wait for the next send.
const uint64_t kJoinTimeoutMs = 10000;

// RTC memory: this header, then `count` readings, oldest first.
struct RtcHeader {
  uint32_t magic;
  uint32_t wakes;      // since the power came on
  uint32_t joins;      // Wi-Fi joins since then
  uint32_t count;
  uint32_t lost;       // readings not kept: RTC memory full (RAM storage), or taken before the clock was known
  uint32_t reserved;
  uint64_t front;      // the flash store's front: releases since its last page write
  int64_t wakeUtcMs;   // UTC at the next wake, by the clock at the sleep (0: unknown)
  uint8_t bssid[6];    // the access point of the last join, for a join without a scan
  uint8_t channel;     // 0: none
  uint8_t pad;
  uint32_t crc;        // CRC-32 of the bytes above and the readings
};

uint32_t imageCrc(const uint8_t* image, size_t records) {
  return crc32(image + sizeof(RtcHeader), records * sizeof(Record), crc32(image, offsetof(RtcHeader, crc)));
}

}  // namespace

void runSleepCycle(Device& device, const SleepConfig& config, uint8_t* image, size_t imageBytes) {
  size_t bytes = platform::rtcBytes();
  if (bytes > imageBytes) bytes = imageBytes;
  const size_t room = bytes > sizeof(RtcHeader) ? (bytes - sizeof(RtcHeader)) / sizeof(Record) : 0;
  RtcHeader h;
  memset(&h, 0, sizeof h);
  if (bytes >= sizeof h && platform::rtcRead(image, bytes)) {
    memcpy(&h, image, sizeof h);
    // After a power cut RTC memory holds noise: start counting again.
    if (h.magic != kRtcMagic || h.count > room || h.crc != imageCrc(image, h.count)) memset(&h, 0, sizeof h);
  }
  ++h.wakes;
  const uint32_t every = config.sendEvery > 0 ? config.sendEvery : 1;
  // The first wake after power-on sends too: it sets the clock (SNTP, or the
  // Harbor's Date header) that RTC memory then carries, and shows at once
  // whether the Harbor takes the readings.
  const bool send = h.wakes == 1 || h.wakes % every == 0;
  const uint64_t wokeMs = platform::monotonicMs();
  if (send && h.channel != 0) platform::preferAccessPoint(h.bssid, h.channel);
  device.beginWake(send);
  Uplink& uplink = device.uplink();
  if (h.wakeUtcMs > 0) uplink.assumeUtc(h.wakeUtcMs, wokeMs);
  // The flash pages name the front of their last write; the readings sent since are released here.
  if (h.magic == kRtcMagic) uplink.releaseToMark(h.front);
  for (uint32_t i = 0; i < h.count; ++i) {
    Record r;
    memcpy(&r, image + sizeof h + i * sizeof r, sizeof r);
    uplink.restore(r);
  }
  device.sampleOnce();
  platform::idleUntil(platform::monotonicMs());  // a yield: the host ends a run here
  // The end of a host run stops sampling: what is left is sent, as a board would on its next send wake.
  if (send || device.samplingStopped()) {
    ++h.joins;
    const uint64_t joinBy = platform::monotonicMs() + kJoinTimeoutMs;
    while (!platform::networkUp() && platform::monotonicMs() < joinBy) platform::idleUntil(platform::monotonicMs() + 50);
    if (platform::networkUp()) {
      if (!platform::wifiAccessPoint(h.bssid, &h.channel)) h.channel = 0;
      uplink.flush(config.sendTimeoutMs);
    } else {
      h.channel = 0;  // that access point did not answer: scan next time
    }
  }
  size_t kept = 0;
  const size_t waiting = uplink.copyUnpersisted(reinterpret_cast<Record*>(image + sizeof h), room, &kept);
  h.lost += static_cast<uint32_t>(waiting - kept);
  h.front = uplink.storeFront();
  const uint64_t awakeMs = platform::monotonicMs() - wokeMs;
  const uint64_t sleepMs = awakeMs < config.intervalMs ? config.intervalMs - awakeMs : 0;
  int64_t utcMs;
  h.wakeUtcMs = uplink.utcNowMs(&utcMs) ? utcMs + static_cast<int64_t>(sleepMs) : 0;
  h.magic = kRtcMagic;
  h.count = static_cast<uint32_t>(kept);
  h.crc = 0;
  memcpy(image, &h, sizeof h);
  h.crc = imageCrc(image, kept);
  memcpy(image, &h, sizeof h);
  platform::rtcWrite(image, sizeof h + kept * sizeof(Record));
  logText(HARBOR_TEXT("[harbor] wake %lu: %s, %lu readings kept in RTC memory (%lu lost to its size), awake %lu ms, sleeping %lu s"),
          static_cast<unsigned long>(h.wakes), send ? HARBOR_TEXT("sent") : HARBOR_TEXT("no send"),
          static_cast<unsigned long>(kept), static_cast<unsigned long>(h.lost), static_cast<unsigned long>(awakeMs),
          static_cast<unsigned long>(sleepMs / 1000));
  platform::deepSleep(sleepMs);
  for (;;) platform::idleUntil(~static_cast<uint64_t>(0));  // a board does not come back from deepSleep()
}

}  // namespace harbor
