// Where buffered readings wait: the RAM ring (record_ring.h) or, where the
// project asks for it, a ring in flash. The sender sees only this.
//
// Readings leave from the front, in order. The front `pinned` readings were in
// a request whose outcome is not known yet (in flight, or its answer was lost):
// the Harbor may have stored them, so a full store never drops them to make
// room; it drops the oldest reading that was never sent instead. That keeps
// `dropped` exact: a dropped reading never reached the Harbor.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/record.h"

namespace harbor {

class RecordStore {
 public:
  // Before first use, from Uplink::begin(): a flash store mounts and resumes here.
  virtual bool begin() { return true; }
  virtual size_t size() const = 0;
  virtual size_t capacity() const = 0;
  bool empty() const { return size() == 0; }

  // The i-th oldest reading, 0 <= i < size().
  virtual Record at(size_t i) const = 0;
  // Rewrites the i-th oldest reading in place (stamping it once the clock is
  // known). A store may refuse readings it has already persisted; it never
  // persists one that still carries kMonotonic.
  virtual bool update(size_t i, const Record& record) = 0;

  // Appends; when full, drops the oldest unpinned reading, or `record` itself
  // when every reading is pinned. Returns true when one was dropped.
  virtual bool push(const Record& record) = 0;
  // Removes the `n` oldest readings (after a 2xx, or a refusal).
  virtual void releaseFront(size_t n) = 0;

  // Protects the `n` oldest readings from being dropped; releasing readings
  // unpins them too.
  virtual void setPinned(size_t n) = 0;
  virtual size_t pinned() const = 0;

  // Readings dropped by a full store since boot.
  virtual uint32_t dropped() const = 0;

  // How many of the oldest readings are in flash, where update() refuses them.
  virtual size_t persisted() const { return 0; }
  // Where the front is, as a count of readings ever released from flash
  // (0 for a RAM store), and a release up to such a mark: deep sleep keeps
  // the mark in RTC memory, as a release writes nothing to flash.
  virtual uint64_t frontMark() const { return 0; }
  virtual void releaseToMark(uint64_t) {}

  // How many would a power cut lose now: those not in flash.
  virtual size_t unpersisted() const { return size() - persisted(); }

 protected:
  ~RecordStore() {}
};

}  // namespace harbor
