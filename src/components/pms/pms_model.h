// Host model of a PMS5003 / PMS7003: 32-byte frames with the manual's layout
// and check code (appendix I) on a 9600-baud line, a frame every 2.3 s in
// active mode (the manual's stable-mode interval), one per read command in
// passive mode; commands (appendix II) are taken only with a good check code.
#pragma once

#include "harbor/sensors/pms.h"
#include "host_models.h"
#include "host_uart_line.h"

namespace harbor {
namespace host {

class PmsModel : public UartModel {
 public:
  // Waves in ug/m3 (atmospheric environment).
  PmsModel(const Wave& pm1, const Wave& pm2_5, const Wave& pm10, const Faults& faults);

  void receive(const uint8_t* data, size_t length, uint64_t nowMs) override;
  size_t transmit(uint8_t* data, size_t capacity, uint64_t nowMs) override;

  // The frame the sensor sends at `nowMs`.
  void frameAt(uint64_t nowMs, uint8_t frame[pms::kFrameLength]) const;
  bool passive() const { return passive_; }
  uint32_t commands() const { return commands_; }

  static const uint32_t kActivePeriodMs = 2300;
  // How long after a read command the answer starts.
  static const uint32_t kAnswerDelayMs = 5;

 private:
  void produce(uint64_t nowMs);

  Wave pm1_;
  Wave pm2_5_;
  Wave pm10_;
  UartLine line_;
  bool passive_;
  uint64_t nextFrameMs_;  // active mode: when the next frame starts
  uint8_t command_[pms::kCommandLength];
  uint8_t have_;
  uint32_t commands_;  // good commands taken
};

}  // namespace host
}  // namespace harbor
