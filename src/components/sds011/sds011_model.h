// Host model of an SDS011: a data frame a second in active reporting (the
// protocol's "1 + 0.5 s" cycle, taken as 1 s), one per query in query mode,
// on a 9600-baud line; 19-byte commands are taken only with a good checksum
// and the data reporting mode one is answered with its AA C5 reply.
#pragma once

#include "harbor/sensors/sds011.h"
#include "host_models.h"
#include "host_uart_line.h"

namespace harbor {
namespace host {

class Sds011Model : public UartModel {
 public:
  // Waves in ug/m3.
  Sds011Model(const Wave& pm2_5, const Wave& pm10, const Faults& faults);

  void receive(const uint8_t* data, size_t length, uint64_t nowMs) override;
  size_t transmit(uint8_t* data, size_t capacity, uint64_t nowMs) override;

  bool queryMode() const { return query_; }
  uint32_t commands() const { return commands_; }
  static const uint32_t kPeriodMs = 1000;

 private:
  void produce(uint64_t nowMs);
  void dataFrame(uint64_t atMs);

  Wave pm2_5_;
  Wave pm10_;
  UartLine line_;
  bool query_;
  uint64_t nextFrameMs_;
  uint8_t command_[sds011::kCommandLength];
  uint8_t have_;
  uint32_t commands_;
};

}  // namespace host
}  // namespace harbor
