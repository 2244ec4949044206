// harbor::Device: what a generated project runs. It owns the board (console,
// watchdog, status LED, Wi-Fi), schedules the components (built-in metrics
// and sensors) and feeds their readings to the uplink. The generated
// src/main.cpp only declares tables:
//
//   static harbor::Bme280 gBme(...);                        // components
//   static const int16_t kBmeCargos[] HARBOR_FLASH = {0, 1, 2};  // channel -> cargo
//   static const harbor::Slot kSlots[] HARBOR_FLASH = {{&gBme, kBmeCargos, 3}};
//   static harbor::Device gDevice(kWifi, gUplink, kSlots, 1);
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/component.h"
#include "harbor/uplink.h"

namespace harbor {

// One scheduled component and where its channels go. Pointers and 32-bit
// words only: the table may live in HARBOR_FLASH.
struct Slot {
  Component* component;
  const int16_t* cargos;  // per channel: index into the uplink's cargo table, -1 = switched off
  uint32_t channels;
};

struct WifiConfig {
  const char* ssid;
  const char* password;  // "" for an open network
};

class Device {
 public:
  // Where the components run: in loop() with everything else, or on a core of
  // their own (the Pico W, whose networking must stay on core 0).
  enum class Cores : uint8_t { One, SamplingOnSecond };

  Device(const WifiConfig& wifi, Uplink& uplink, const Slot* slots, uint32_t slotCount);

  // Console, watchdog, Wi-Fi, then the uplink and every component.
  void begin(Cores cores = Cores::One);
  // Runs the components that are due (unless they have a core of their own),
  // sends (where there is no sender task), then idles until the next thing is due.
  void loop();
  // Deep sleep (sleep_cycle.h): begin() that joins Wi-Fi only when asked, and
  // a run of the components until each has taken this wake's reading.
  void beginWake(bool joinWifi);
  void sampleOnce();

  // The second core's loop with Cores::SamplingOnSecond: the components only.
  // Waits for begin() on the first core.
  void sampleLoop();

  // The host build drives these: stop sampling at the end of a run, then
  // keep sending until the buffer has drained.
  void stopSampling();
  bool samplingStopped() const { return stopped_; }
  bool drained() const;
  Stats stats() const { return uplink_.stats(); }
  Uplink& uplink() { return uplink_; }

  // The one Device of this program, set by begin(); the host adapter uses it.
  static Device* current();

 private:
  class SlotEmitter : public Emitter {
   public:
    SlotEmitter(Uplink& uplink) : uplink_(uplink), slot_(0) {}
    void select(const Slot* slot) { slot_ = slot; }
    void emit(uint8_t channel, double value, uint64_t takenMs) override;
    void fail(ReadError error) override;
    void missed(uint32_t slots) override;
    void note(const char* text) override;

   private:
    Uplink& uplink_;
    const Slot* slot_;
  };

  const WifiConfig& wifi_;
  Uplink& uplink_;
  const Slot* slots_;
  uint32_t slotCount_;
  uint64_t runComponents();
  void start(Cores cores, bool joinWifi);

  SlotEmitter emitter_;
  volatile bool stopped_;
  volatile bool begun_;
  bool samplingElsewhere_;
};

}  // namespace harbor
