// Host models of the INA219, INA226 and INA3221 on I2C: 16-bit big-endian
// registers behind a pointer, a triggered conversion that takes the
// datasheet's time and samples the waves at its start, and the chips' own
// arithmetic for current and power (INA219 / INA226), so the driver reads
// back the waves' bus voltage and current through the calibration.
#pragma once

#include "harbor/sensors/ina2xx.h"
#include "host_models.h"

namespace harbor {
namespace host {

// The register file and pointer all three share.
class InaModel : public I2cModel {
 public:
  platform::BusResult transfer(const uint8_t* tx, size_t txLength, uint8_t* rx, size_t rxLength,
                               uint64_t nowMs) override;

 protected:
  InaModel(uint32_t conversionUs, double shuntOhms, const Faults& faults);
  // The conversion's results in the registers, from the waves at `atMs`.
  virtual void convert(uint64_t atMs) = 0;
  // The conversion is done: set the chip's ready flag.
  virtual void ready() = 0;
  // A register was read (ready flags clear on reads).
  virtual void wasRead(uint8_t reg) { (void)reg; }

  uint16_t regs_[256];
  double shuntOhms_;

 private:
  uint32_t conversionUs_;
  uint8_t pointer_;
  uint64_t startedAtMs_;
  uint64_t readyAtMs_;
  bool converting_;
};

class Ina219Model : public InaModel {
 public:
  Ina219Model(const Wave& busVolts, const Wave& amps, double shuntOhms, const Faults& faults);

 protected:
  void convert(uint64_t atMs) override;
  void ready() override;
  void wasRead(uint8_t reg) override;

 private:
  Wave bus_;
  Wave amps_;
};

class Ina226Model : public InaModel {
 public:
  Ina226Model(const Wave& busVolts, const Wave& amps, double shuntOhms, const Faults& faults);

 protected:
  void convert(uint64_t atMs) override;
  void ready() override;
  void wasRead(uint8_t reg) override;

 private:
  Wave bus_;
  Wave amps_;
};

class Ina3221Model : public InaModel {
 public:
  Ina3221Model(const Wave& bus1, const Wave& bus2, const Wave& bus3, const Wave& amps1, const Wave& amps2,
               const Wave& amps3, double shuntOhms, const Faults& faults);

 protected:
  void convert(uint64_t atMs) override;
  void ready() override;
  void wasRead(uint8_t reg) override;

 private:
  Wave bus_[3];
  Wave amps_[3];
};

}  // namespace host
}  // namespace harbor
