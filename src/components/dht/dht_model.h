// Host model of a DHT11 or DHT22 / AM2302: the 40-bit frame of its
// datasheet with the waves' values when the frame is read, to a DHT11's 0.1
// (integral + decimal bytes) or a DHT22's tenths, and its checksum.
#pragma once

#include "harbor/sensors/dht.h"
#include "host_models.h"

namespace harbor {
namespace host {

class DhtModel : public PinModel {
 public:
  DhtModel(Dht::Variant variant, const Wave& celsius, const Wave& humidity, const Faults& faults)
      : PinModel(faults), variant_(variant), celsius_(celsius), humidity_(humidity) {}
  platform::BusResult dhtFrame(uint64_t nowMs, uint8_t frame[5]) override;

 private:
  Dht::Variant variant_;
  Wave celsius_;
  Wave humidity_;
};

}  // namespace host
}  // namespace harbor
