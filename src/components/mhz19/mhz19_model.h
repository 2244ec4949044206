// Host model of an MH-Z19B / MH-Z19C: 9-byte commands taken only with a good
// checksum (manual V1.0); "read CO2" answered 2 ms later on a 9600-baud line
// with the wave's concentration; the self-calibration command kept.
#pragma once

#include "harbor/sensors/mhz19.h"
#include "host_models.h"
#include "host_uart_line.h"

namespace harbor {
namespace host {

class Mhz19Model : public UartModel {
 public:
  // Wave in ppm.
  Mhz19Model(const Wave& co2, const Faults& faults);

  void receive(const uint8_t* data, size_t length, uint64_t nowMs) override;
  size_t transmit(uint8_t* data, size_t capacity, uint64_t nowMs) override;

  bool selfCalibration() const { return selfCalibration_; }
  uint32_t reads() const { return reads_; }

 private:
  Wave co2_;
  UartLine line_;
  uint8_t command_[mhz19::kFrameLength];
  uint8_t have_;
  bool selfCalibration_;  // on from the factory (manual: "default on")
  uint32_t reads_;
};

}  // namespace host
}  // namespace harbor
