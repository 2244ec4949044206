#include "harbor/sensors/mhz19.h"

namespace harbor {
namespace mhz19 {

namespace {

const uint8_t kHeader[2] = {kStart, kReadCo2};
// The widest detection range the manual lists (0-10000 ppm); beyond it the
// answer is not a measurement.
const uint16_t kMaxPpm = 10000;
// The answer follows the command at once; a second covers a slow line.
const uint32_t kAnswerTimeoutMs = 1000;

}  // namespace

uint8_t checksum(const uint8_t f[kFrameLength]) {
  uint8_t sum = 0;
  for (size_t i = 1; i < 8; ++i) sum = static_cast<uint8_t>(sum + f[i]);
  return static_cast<uint8_t>(0xFF - sum + 1);
}

void command(uint8_t cmd, uint8_t arg, uint8_t out[kFrameLength]) {
  out[0] = kStart;
  out[1] = kSensor;
  out[2] = cmd;
  out[3] = arg;
  for (size_t i = 4; i < 8; ++i) out[i] = 0;
  out[8] = checksum(out);
}

Frame parse(const uint8_t f[kFrameLength], uint16_t* ppm) {
  if (f[0] != kStart || f[1] != kReadCo2) return Frame::BadFraming;
  if (checksum(f) != f[8]) return Frame::BadChecksum;
  *ppm = static_cast<uint16_t>(f[2] << 8 | f[3]);
  return Frame::Ok;
}

const uint8_t* header() { return kHeader; }

}  // namespace mhz19

UartSensor::Protocol Mhz19::protocol(const uint8_t* request, const uint8_t* configure) {
  Protocol p;
  p.header = mhz19::header();
  p.headerLength = 2;
  p.frameLength = mhz19::kFrameLength;
  p.request = request;
  p.requestLength = mhz19::kFrameLength;
  p.configure = configure;
  p.configureLength = mhz19::kFrameLength;
  p.timeoutMs = mhz19::kAnswerTimeoutMs;
  return p;
}

Mhz19::Mhz19(UartPort& port, bool selfCalibration, uint32_t intervalMs)
    : UartSensor("mhz19", intervalMs, port, protocol(request_, configure_)) {
  mhz19::command(mhz19::kReadCo2, 0, request_);
  mhz19::command(mhz19::kSelfCalibration, selfCalibration ? 0xA0 : 0x00, configure_);
}

PolledSensor::Result Mhz19::decode(const uint8_t* frame, uint64_t takenMs, Emitter& out) {
  uint16_t ppm = 0;
  if (mhz19::parse(frame, &ppm) != mhz19::Frame::Ok) return fail(ReadError::Crc);
  if (ppm > mhz19::kMaxPpm) return fail(ReadError::OutOfRange);
  out.emit(0, ppm, takenMs);
  return done();
}

}  // namespace harbor
