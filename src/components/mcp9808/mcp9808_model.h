// Host model of an MCP9808: its register map (ids, resolution, ambient
// temperature), converting continuously every 250 ms; the ambient register
// holds the last finished conversion, the wave's value in the middle of it,
// to the 0.0625 degC step.
#pragma once

#include "harbor/sensors/mcp9808.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Mcp9808Model : public I2cModel {
 public:
  Mcp9808Model(const Wave& temperature, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

  static const uint64_t kConversionMs = 250;

 private:
  uint16_t ambient(uint64_t nowMs) const;

  Wave temperature_;
  uint8_t pointer_;
  uint8_t resolution_;
};

}  // namespace host
}  // namespace harbor
