// Host model of a BME680 / BME688 on I2C: chip and variant ids, the trimming
// registers, ctrl_hum / ctrl_meas / ctrl_gas_1, heater step 0 (res_heat_0,
// gas_wait_0), forced conversions that take the TPH time plus the heater's
// duration (new_data clear and the previous data kept until then), and raw
// values found by inverting the datasheet's integer compensation, so the
// driver reads back the waves' temperature, humidity, pressure and gas
// resistance to the sensor's resolution.
#pragma once

#include "harbor/sensors/bme680.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Bme680Model : public I2cModel {
 public:
  // Waves in degC, %RH, hPa and ohm; `bme688`: variant id 0x01 and its gas registers.
  Bme680Model(bool bme688, const Wave& temperature, const Wave& humidity, const Wave& pressure, const Wave& gas,
              const Faults& faults);

  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

  // A device's trimming (par_t1 26203, t2 26519, t3 3, p1 35008, p2 -10284, p3 88, p4 9692,
  // p5 -202, p6 30, p7 24, p8 -516, p9 -3469, p10 30, h1 794, h2 1007, h3 0, h4 45, h5 20,
  // h6 120, h7 -100) and heater constants of the usual size (g1 -30, g2 -5969, g3 18,
  // res_heat_range 1, res_heat_val 44, range_sw_err -1).
  static const uint8_t kCoeff1[23];
  static const uint8_t kCoeff2[14];
  static const uint8_t kCoeff3[5];

  // The last res_heat_0 written, for the tests.
  uint8_t resHeat() const { return regs_[bme680::kRegResHeat0]; }

 private:
  void convert(uint64_t nowMs);

  bool bme688_;
  Wave temperature_;
  Wave humidity_;
  Wave pressure_;
  Wave gas_;
  uint8_t regs_[256];
  uint8_t pointer_;
  uint8_t pending_[bme680::kFieldLength];
  bool converting_;
  uint64_t readyAtMs_;
};

}  // namespace host
}  // namespace harbor
