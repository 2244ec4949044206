// The device loop: samples metrics on time into a static ring and sends them in
// batches with retries. Portable C++11; everything platform-specific goes
// through harbor/platform.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/device.h"

namespace harbor {

class Device {
 public:
  // The ring and the JSON body buffer are the caller's static arrays, sized by
  // the generator from the board's RAM and the batch limits: no heap, and the
  // linker's memory report shows them.
  Device(const DeviceConfig& config, Record* ring, size_t ringCapacity, char* body,
         size_t bodyCapacity);

  // platform::begin, resolve the ship id, start the sender task where there is one.
  void begin();
  // Sample what is due, keep the network up, send (on single-threaded
  // platforms), then idle until the next thing is due. Never blocks on the network
  // on platforms with a sender task.
  void loop();

  // The host build drives these: stop sampling at the end of a run, then
  // keep sending until the buffer has drained.
  void stopSampling();
  bool drained() const;
  Stats stats() const;

  // The one Device of this program, set by begin(); the host adapter uses it.
  static Device* current();

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace harbor
