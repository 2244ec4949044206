// Host model of a PZEM-004T v3.0: Modbus RTU requests taken only with a good
// CRC and this device's address (or the general 0xF8); reading input
// registers answered 10 ms later on a 9600-baud line with the waves' values in
// the manual's register units; other functions get Modbus exception 01.
#pragma once

#include "harbor/sensors/pzem.h"
#include "host_models.h"
#include "host_uart_line.h"

namespace harbor {
namespace host {

class PzemModel : public UartModel {
 public:
  // Waves in V, A, W, Wh, Hz and (power factor) 0-1.
  PzemModel(uint8_t address, const Wave& volts, const Wave& amps, const Wave& watts, const Wave& wattHours,
            const Wave& hertz, const Wave& powerFactor, const Faults& faults);

  void receive(const uint8_t* data, size_t length, uint64_t nowMs) override;
  size_t transmit(uint8_t* data, size_t capacity, uint64_t nowMs) override;

  // The ten input registers at `nowMs`.
  void registersAt(uint64_t nowMs, uint16_t regs[pzem::kRegisters]) const;

 private:
  uint8_t address_;
  Wave waves_[6];
  UartLine line_;
  uint8_t request_[pzem::kRequestLength];
  uint8_t have_;
};

}  // namespace host
}  // namespace harbor
