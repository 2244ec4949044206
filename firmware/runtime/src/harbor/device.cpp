#include "harbor/device.h"

#include <stdio.h>

#include "harbor/flash_data.h"
#include "harbor/platform.h"

namespace harbor {

namespace {

const uint64_t kNever = ~static_cast<uint64_t>(0);
Device* gCurrent = 0;

}  // namespace

void Device::SlotEmitter::emit(uint8_t channel, double value, uint64_t takenMs) {
  const Slot slot = flash::read(*slot_);
  if (channel >= slot.channels) return;
  const int16_t cargo = flash::read(slot.cargos[channel]);
  if (cargo < 0) return;  // a channel the user switched off
  uplink_.recordAt(static_cast<uint8_t>(cargo), value, takenMs);
}

void Device::SlotEmitter::fail(ReadError) { uplink_.countReadFailure(); }

void Device::SlotEmitter::missed(uint32_t slots) { uplink_.countMissed(slots); }

void Device::SlotEmitter::note(const char* text) {
  const Slot slot = flash::read(*slot_);
  char line[200];
  snprintf(line, sizeof line, HARBOR_TEXT("[harbor] %s: %s"), slot.component->name(), text);
  platform::log(line);
}

Device::Device(const WifiConfig& wifi, Uplink& uplink, const Slot* slots, uint32_t slotCount)
    : wifi_(wifi),
      uplink_(uplink),
      slots_(slots),
      slotCount_(slotCount),
      emitter_(uplink),
      stopped_(false),
      begun_(false),
      samplingElsewhere_(false) {}

void Device::begin(Cores cores) { start(cores, true); }

void Device::beginWake(bool joinWifi) { start(Cores::One, joinWifi); }

void Device::start(Cores cores, bool joinWifi) {
  gCurrent = this;
  samplingElsewhere_ = cores == Cores::SamplingOnSecond;
  platform::beginConsole();
  platform::beginWatchdog();
  if (joinWifi) {
    const WifiConfig wifi = flash::read(wifi_);
    platform::beginWifi(wifi.ssid, wifi.password);
    uplink_.setNetworkMaintainer(&platform::maintainNetwork);
  }
  uplink_.begin();

  char line[96];
  snprintf(line, sizeof line, HARBOR_TEXT("[harbor] %lu components"), static_cast<unsigned long>(slotCount_));
  platform::log(line);
  const uint64_t now = platform::monotonicMs();
  for (uint32_t i = 0; i < slotCount_; ++i) {
    Component* component = flash::read(slots_[i]).component;
    component->begin(now);
    component->nextRunMs = now;
  }
  begun_ = true;
}

uint64_t Device::runComponents() {
  uint64_t wake = kNever;
  for (uint32_t i = 0; i < slotCount_ && !stopped_; ++i) {
    Component* component = flash::read(slots_[i]).component;
    // Each reads the clock afresh: one component's step shifts the next one's stamp, not its label.
    const uint64_t now = platform::monotonicMs();
    if (now >= component->nextRunMs) {
      emitter_.select(&slots_[i]);
      component->nextRunMs = component->run(now, emitter_);
    }
    if (component->nextRunMs < wake) wake = component->nextRunMs;
  }
  return wake;
}

void Device::loop() {
  uint64_t wake = samplingElsewhere_ ? kNever : runComponents();
  uplink_.loop();
  platform::feedWatchdog();
  const uint64_t sendAt = uplink_.nextWakeMs();
  if (sendAt < wake) wake = sendAt;
  platform::idleUntil(wake);
}

void Device::sampleLoop() {
  if (!begun_) {
    platform::idleUntil(platform::monotonicMs() + 10);
    return;
  }
  platform::feedWatchdog();
  platform::idleUntil(runComponents());
}

// A component has taken this wake's reading once it has scheduled its next
// run past the longest conversion a driver waits for (a DS18B20's 750 ms).
void Device::sampleOnce() {
  const uint64_t wokeMs = platform::monotonicMs();
  const uint64_t conversionMs = 2000;
  for (;;) {
    const uint64_t wake = runComponents();
    platform::feedWatchdog();
    bool done = true;
    for (uint32_t i = 0; i < slotCount_; ++i) {
      if (flash::read(slots_[i]).component->nextRunMs <= wokeMs + conversionMs) done = false;
    }
    if (done || platform::monotonicMs() >= wokeMs + 2 * conversionMs) return;
    platform::idleUntil(wake);
  }
}

void Device::stopSampling() {
  stopped_ = true;
  uplink_.drain();
}

bool Device::drained() const { return stopped_ && uplink_.drained(); }

Device* Device::current() { return gCurrent; }

}  // namespace harbor
