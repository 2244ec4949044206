// harbor::Uplink: everything that sends. A ring of readings (RAM or flash),
// the clock, batching, the sender and its retry policy, the counters. It
// knows nothing of sensors, and nothing of Wi-Fi unless it is handed a
// function that keeps Wi-Fi up (setNetworkMaintainer): a generated Device uses
// it that way, and so does a user's own sketch (Harbor.h), whose Wi-Fi code
// may connect, drop and reconnect as it likes.
//
//   harbor::Uplink uplink(config, store, body, sizeof body);
//   uplink.begin();
//   uplink.record("temperature", 21.5);   // from loop() or any task, never an ISR
//   uplink.loop();                         // returns at once when nothing is due
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/record_store.h"
#include "harbor/sender.h"
#include "harbor/shared_state.h"
#include "harbor/uplink_types.h"
#include "harbor/utf8.h"

namespace harbor {

class Uplink {
 public:
  // `config` (may be HARBOR_FLASH), `store` and `body` (the JSON body of one
  // batch plus its NUL) must outlive the uplink.
  Uplink(const UplinkConfig& config, RecordStore& store, char* body, size_t bodyCapacity);

  // Called in the network's context (the sender task, or loop()) to keep
  // Wi-Fi up; only for the one who owns Wi-Fi. Set before begin().
  void setNetworkMaintainer(void (*maintain)()) { maintainer_ = maintain; }
  void onStatus(StatusCallback callback, void* arg) { sender_.onStatus(callback, arg); }

  // platform::beginUplink, the ship id, the URL, and the sender task where the
  // platform has one. False when the configuration cannot send (a ship id
  // that is not 1-100 characters of UTF-8, a URL too long): said on serial.
  bool begin();

  // A reading of `cargoId`, stamped now (UTC once the clock is known). False,
  // and counted as refused, for a non-finite value, an id that is not 1-100
  // characters of UTF-8, or a cargo past the table (logged once).
  bool record(const char* cargoId, double value);
  // ... stamped with `utcMs` (epoch ms); refused before 2024 or past 2160.
  bool record(const char* cargoId, double value, int64_t utcMs);
  // A reading of declared cargo `cargo`, taken at monotonic `takenMs`: what components use.
  bool recordAt(uint8_t cargo, double value, uint64_t takenMs);

  // Where the platform has no sender task: keeps Wi-Fi up (when given a
  // maintainer) and sends a batch when one is due. Returns at once otherwise.
  void loop();
  // When loop() next has something to do (monotonic ms); ~0 when nothing.
  uint64_t nextWakeMs() const;
  // Sends everything buffered, ignoring batch age (not backoff), for up to
  // `timeoutMs`; true when nothing is left. Before the user's own deep sleep.
  bool flush(uint32_t timeoutMs);

  // Deep sleep (sleep_cycle.h): readings kept in RTC memory go back into the
  // store after a wake (not counted as sampled again), and the newest
  // `capacity` of those not in flash are copied out before the next sleep;
  // returns how many were not in flash.
  void restore(const Record& record);
  size_t copyUnpersisted(Record* out, size_t capacity, size_t* copied) const;
  uint64_t storeFront() const;
  // UTC now, when the clock is known; and UTC kept across a deep sleep, as
  // at monotonic `atMs`.
  bool utcNowMs(int64_t* utcMs) const;
  void assumeUtc(int64_t utcMs, uint64_t atMs);
  void releaseToMark(uint64_t mark);

  Stats stats() const;
  void countMissed(uint32_t slots);
  void countReadFailure();
  bool hasSenderTask() const { return senderTask_; }
  const char* shipId() const { return shipId_; }
  size_t maxBodyBytes() const { return sender_.maxBodyBytes(); }

  // The end of a host run: send what is left regardless of age.
  void drain();
  bool drained() const;
  // The Harbor refused the key or the harbor id (401, 403, 404): retrying slowly.
  bool inConfigError() const { return sender_.inConfigError(); }
  // When the sender tries next after a failure (monotonic ms); 0 when it is not waiting.
  uint64_t retryAtMs() const { return sender_.retryAtMs(); }

  // The uplink that called begin() last; the host adapter reports on it.
  static Uplink* current();

 private:
  Uplink(const Uplink&);
  Uplink& operator=(const Uplink&);

  static void senderMain(void* arg);
  void resolveShipId();
  bool buildUrl();
  void banner();
  bool refuse(const char* why, const char* cargoId);
  bool recordCargo(const char* cargoId, double value, bool timed, int64_t utcMs);

  const UplinkConfig& config_;
  SharedState shared_;
  Sender sender_;
  void (*maintainer_)();
  bool senderTask_;
  bool refusalLogged_;
  char shipId_[kIdMaxBytes];
  char url_[400];
};

}  // namespace harbor
