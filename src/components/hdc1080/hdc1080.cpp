#include "harbor/sensors/hdc1080.h"

namespace harbor {
namespace hdc1080 {

double celsius(uint16_t raw) { return raw / 65536.0 * 165.0 - 40.0; }
double humidity(uint16_t raw) { return raw / 65536.0 * 100.0; }

}  // namespace hdc1080

Hdc1080::Hdc1080(I2cBus& bus, uint32_t intervalMs) : PolledSensor("hdc1080 0x40", intervalMs), bus_(bus) {}

platform::BusResult Hdc1080::read16(uint8_t reg, uint16_t* value) {
  uint8_t d[2];
  const platform::BusResult r = bus_.readRegisters(hdc1080::kAddress, reg, d, 2);
  if (r == platform::BusResult::Ok) *value = static_cast<uint16_t>(d[0] << 8 | d[1]);
  return r;
}

PolledSensor::Result Hdc1080::setup(uint64_t) {
  uint16_t manufacturer = 0;
  uint16_t device = 0;
  platform::BusResult r = read16(hdc1080::kRegManufacturerId, &manufacturer);
  if (r == platform::BusResult::Ok) r = read16(hdc1080::kRegDeviceId, &device);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  // 0x40 is also an HTU21D's or Si7021's address: only an HDC1080 is read as one.
  if (manufacturer != hdc1080::kManufacturerId || device != hdc1080::kDeviceId) return fail(ReadError::Absent);
  const uint8_t config[3] = {hdc1080::kRegConfiguration, static_cast<uint8_t>(hdc1080::kSequence14Bit >> 8),
                             static_cast<uint8_t>(hdc1080::kSequence14Bit)};
  r = bus_.write(hdc1080::kAddress, config, sizeof config);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return done();
}

PolledSensor::Result Hdc1080::start(uint64_t) {
  // Section 8.5.1: writing the pointer 0x00 triggers the measurement.
  const platform::BusResult r = bus_.write(hdc1080::kAddress, &hdc1080::kRegTemperature, 1);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  return waitMs(hdc1080::kConversionMs);
}

PolledSensor::Result Hdc1080::collect(uint64_t, uint64_t takenMs, Emitter& out) {
  uint8_t d[4];
  const platform::BusResult r = bus_.read(hdc1080::kAddress, d, sizeof d);
  if (r != platform::BusResult::Ok) return failFromBus(static_cast<uint8_t>(r));
  const double celsius = hdc1080::celsius(static_cast<uint16_t>(d[0] << 8 | d[1]));
  const double rh = hdc1080::humidity(static_cast<uint16_t>(d[2] << 8 | d[3]));
  // Section 1: operating range -40..125 degC.
  if (celsius < -40 || celsius > 125) return fail(ReadError::OutOfRange);
  out.emit(0, celsius, takenMs);
  out.emit(1, rh, takenMs);
  return done();
}

}  // namespace harbor
