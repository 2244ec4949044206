#include "mhz19_model.h"

#include <math.h>

namespace harbor {
namespace host {

Mhz19Model::Mhz19Model(const Wave& co2, const Faults& faults)
    : UartModel(faults), co2_(co2), line_(9600), have_(0), selfCalibration_(true), reads_(0) {}

void Mhz19Model::receive(const uint8_t* data, size_t length, uint64_t nowMs) {
  for (size_t i = 0; i < length; ++i) {
    const uint8_t b = data[i];
    if (have_ == 0 && b != mhz19::kStart) continue;
    command_[have_++] = b;
    if (have_ < mhz19::kFrameLength) continue;
    have_ = 0;
    if (command_[1] != mhz19::kSensor || mhz19::checksum(command_) != command_[8]) continue;
    if (command_[2] == mhz19::kSelfCalibration) {
      selfCalibration_ = command_[3] == 0xA0;
    } else if (command_[2] == mhz19::kReadCo2) {
      ++reads_;
      const double v = co2_.at(nowMs);
      const uint16_t ppm = v <= 0 ? 0 : static_cast<uint16_t>(floor(v + 0.5));
      // Byte 4 is the sensor's temperature + 40 on many units; undocumented, sent as 25 degC.
      uint8_t f[mhz19::kFrameLength] = {mhz19::kStart, mhz19::kReadCo2, static_cast<uint8_t>(ppm >> 8),
                                        static_cast<uint8_t>(ppm), 65, 0, 0, 0, 0};
      f[8] = mhz19::checksum(f);
      line_.send(f, sizeof f, nowMs + 2);
    }
  }
}

size_t Mhz19Model::transmit(uint8_t* data, size_t capacity, uint64_t nowMs) { return line_.read(data, capacity, nowMs); }

}  // namespace host
}  // namespace harbor
