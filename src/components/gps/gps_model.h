// Host model of a GPS receiver: once a second an RMC, a VTG and a GGA
// sentence (u-blox's order) on a 9600-baud line, with the waves' position,
// altitude and satellites, the NMEA checksum, status A and fix quality 1;
// no fix (RMC V, GGA quality 0, empty fields) until `fixAfterMs`.
#pragma once

#include "harbor/sensors/gps.h"
#include "host_models.h"
#include "host_uart_line.h"

namespace harbor {
namespace host {

class GpsModel : public UartModel {
 public:
  // Waves in degrees, degrees, m and satellites.
  GpsModel(const Wave& latitude, const Wave& longitude, const Wave& altitude, const Wave& satellites,
           uint64_t fixAfterMs, const Faults& faults);

  void receive(const uint8_t* data, size_t length, uint64_t nowMs) override;
  size_t transmit(uint8_t* data, size_t capacity, uint64_t nowMs) override;

  static const uint32_t kPeriodMs = 1000;

 private:
  void produce(uint64_t nowMs);
  void sentence(const char* body, uint64_t atMs);

  Wave latitude_;
  Wave longitude_;
  Wave altitude_;
  Wave satellites_;
  uint64_t fixAfterMs_;
  UartLine line_;
  uint64_t nextMs_;
};

}  // namespace host
}  // namespace harbor
