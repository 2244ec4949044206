#include "harbor/sensors/pms.h"

namespace harbor {
namespace pms {

namespace {

uint16_t word(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }

// Appendix I: start characters and the frame length (28) every data frame begins with.
const uint8_t kHeader[4] = {0x42, 0x4D, 0x00, kDataLength};

// The manual's technical index: effective range 0-500 ug/m3, maximum range
// >= 1000; a larger value is not a measurement.
const uint16_t kMaxUgM3 = 1000;

}  // namespace

uint16_t checksum(const uint8_t* data, size_t length) {
  uint16_t sum = 0;
  for (size_t i = 0; i < length; ++i) sum = static_cast<uint16_t>(sum + data[i]);
  return sum;
}

void command(uint8_t cmd, uint16_t data, uint8_t out[kCommandLength]) {
  out[0] = 0x42;
  out[1] = 0x4D;
  out[2] = cmd;
  out[3] = static_cast<uint8_t>(data >> 8);
  out[4] = static_cast<uint8_t>(data);
  const uint16_t sum = checksum(out, 5);
  out[5] = static_cast<uint8_t>(sum >> 8);
  out[6] = static_cast<uint8_t>(sum);
}

Frame parse(const uint8_t frame[kFrameLength], Reading* r) {
  for (size_t i = 0; i < sizeof kHeader; ++i) {
    if (frame[i] != kHeader[i]) return Frame::BadHeader;
  }
  if (checksum(frame, kFrameLength - 2) != word(frame + kFrameLength - 2)) return Frame::BadChecksum;
  r->pm1Standard = word(frame + 4);
  r->pm2_5Standard = word(frame + 6);
  r->pm10Standard = word(frame + 8);
  r->pm1 = word(frame + 10);
  r->pm2_5 = word(frame + 12);
  r->pm10 = word(frame + 14);
  return Frame::Ok;
}

const uint8_t* header() { return kHeader; }

}  // namespace pms

namespace {

// Active mode sends a frame at least every 2.3 s (appendix I, "stable mode");
// a passive-mode answer comes at once. Either is in well within 3 s.
const uint32_t kFrameTimeoutMs = 3000;

}  // namespace

UartSensor::Protocol Pms::protocolFor(Mode mode, const uint8_t* request, const uint8_t* configure) {
  Protocol p;
  p.header = pms::header();
  p.headerLength = 4;
  p.frameLength = pms::kFrameLength;
  p.request = mode == Mode::Passive ? request : 0;
  p.requestLength = pms::kCommandLength;
  // Sets the mode each time it is (re)found: it may have been left in the other one.
  p.configure = configure;
  p.configureLength = pms::kCommandLength;
  p.timeoutMs = kFrameTimeoutMs;
  return p;
}

Pms::Pms(UartPort& port, Mode mode, uint32_t intervalMs)
    : UartSensor("pms", intervalMs, port, protocolFor(mode, request_, configure_)) {
  // protocolFor only keeps the pointers; the bytes are filled here, before any step runs.
  pms::command(pms::kCmdRead, 0, request_);
  pms::command(pms::kCmdMode, mode == Mode::Active ? 1 : 0, configure_);
}

PolledSensor::Result Pms::decode(const uint8_t* frame, uint64_t takenMs, Emitter& out) {
  pms::Reading r;
  if (pms::parse(frame, &r) != pms::Frame::Ok) return fail(ReadError::Crc);
  // PM1 is part of PM2.5, which is part of PM10: a frame that says otherwise is not a measurement.
  if (r.pm1 > r.pm2_5 || r.pm2_5 > r.pm10 || r.pm10 > pms::kMaxUgM3) return fail(ReadError::OutOfRange);
  out.emit(0, r.pm1, takenMs);
  out.emit(1, r.pm2_5, takenMs);
  out.emit(2, r.pm10, takenMs);
  return done();
}

}  // namespace harbor
