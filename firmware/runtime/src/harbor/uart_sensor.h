// The shape of a sensor on a UART (PMS5003, SDS011, MH-Z19, PZEM-004T, GPS):
// frames arrive a few bytes at a time, so every step reads what the port
// holds, parses it where the last step stopped, and comes back a little later;
// requests are written as far as the port takes them and continued next step
// (a software UART takes about one byte a call at 9600 baud). Nothing waits.
//
// A read: start() throws away what arrived before the slot, sends the request
// (a polled device) and collect() keeps reading until a whole frame is in,
// which decode() checks and converts, or until the protocol's timeout.
// A device that sent nothing at all for kFailuresBeforeSetup reads in a row is
// taken for missing: setup() then looks for bytes (asking a polled device
// again), so PolledSensor's backoff and its single "not found" line apply.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/bus/uart_port.h"
#include "harbor/polled_sensor.h"

namespace harbor {

class UartSensor : public PolledSensor {
 public:
  // The longest frame any of them sends (PMS5003: 32 bytes), and the longest
  // request or configuration queued at once (SDS011: a 19-byte command).
  static const uint8_t kMaxFrame = 32;
  static const uint8_t kMaxQueued = 24;
  // How often collect() looks at the port: a 9600-baud line brings ~20 bytes
  // in that time, far less than any board's receive buffer holds.
  static const uint32_t kPollMs = 20;
  // ... and how soon it continues a write the port did not take whole.
  static const uint32_t kWriteMs = 2;

  struct Protocol {
    // Every frame starts with these bytes (static storage) and is `frameLength` long.
    const uint8_t* header;
    uint8_t headerLength;
    uint8_t frameLength;
    // What asks for one reading (null: the device sends frames by itself).
    const uint8_t* request;
    uint8_t requestLength;
    // Sent after every setup (a mode command), or null.
    const uint8_t* configure;
    uint8_t configureLength;
    // A frame is in this long after the slot, or the read failed.
    uint32_t timeoutMs;
  };

  // Bytes collected so far (for tests); the frame once complete.
  uint8_t collected() const { return have_; }

 protected:
  // `kind` ("pms", a literal) names it in messages with its port: "pms uart1".
  UartSensor(const char* kind, uint32_t intervalMs, UartPort& port, const Protocol& protocol);

  // A whole frame (`protocol.frameLength` bytes, header included): check its
  // checksum and range, emit, and return done() or fail(...).
  virtual Result decode(const uint8_t* frame, uint64_t takenMs, Emitter& out) = 0;
  // One received byte into the frame being collected; true when it completes
  // one. The default finds `header` and takes `frameLength` bytes; a line
  // protocol (NMEA) overrides it.
  virtual bool feed(uint8_t byte);
  // Forget a partial frame.
  virtual void restart() { have_ = 0; }

  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

  // Queues `length` bytes to send; false (nothing queued) when they do not fit.
  bool queue(const uint8_t* data, size_t length);
  const uint8_t* frame() const { return frame_; }
  UartPort& port() { return port_; }

 private:
  void sendQueued(uint64_t nowMs);
  bool sending() const { return outSent_ < outLength_; }
  // Reads and discards what the port holds; how many bytes that was.
  size_t drain();

  UartPort& port_;
  Protocol protocol_;
  uint8_t frame_[kMaxFrame];
  uint8_t have_;
  uint8_t out_[kMaxQueued];
  uint8_t outLength_;
  uint8_t outSent_;
  uint64_t deadlineMs_;
  bool heard_;      // a byte arrived since the last setup
  bool readHeard_;  // ... since this read started
  bool firstSetup_;
  bool probing_;    // setup() is sending a request to a device that was silent
  bool wrote_;
  uint64_t lastWriteMs_;
  char name_[20];
};

}  // namespace harbor
