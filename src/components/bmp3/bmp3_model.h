// Host model of a BMP388 / BMP390 on I2C: chip id, the trimming NVM, OSR and
// PWR_CTRL, forced conversions that take the datasheet's measurement time
// (data-ready flags clear until then), and raw values found by inverting the
// datasheet's compensation, so the driver reads back the waves' temperature
// and pressure to the sensor's resolution.
#pragma once

#include "harbor/sensors/bmp3.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Bmp3Model : public I2cModel {
 public:
  // Waves in degC and hPa; `bmp390`: chip id 0x60, else 0x50.
  Bmp3Model(bool bmp390, const Wave& temperature, const Wave& pressure, const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

  // Trimming of the magnitudes real parts carry (T1 27500, T2 19000, T3 -7, P1 -2500,
  // P2 -3000, P3 35, P4 0, P5 25000, P6 30000, P7 3, P8 -6, P9 16000, P10 7, P11 -60).
  static const uint8_t kCalibration[21];

  // Added to the datasheet's measurement time: a test makes a conversion slower to see the driver wait.
  uint64_t extraMs;

 private:
  void convert(uint64_t nowMs);

  Wave temperature_;
  Wave pressure_;
  uint8_t regs_[128];
  uint8_t pointer_;
  uint8_t pending_[6];  // DATA_0..5 of the conversion in progress, readable once it ends
  bool converting_;
  uint64_t readyAtMs_;
};

}  // namespace host
}  // namespace harbor
