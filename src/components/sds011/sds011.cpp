#include "harbor/sensors/sds011.h"

#include <string.h>

namespace harbor {
namespace sds011 {

namespace {

const uint8_t kHeader[2] = {kHead, kData};
// Datasheet: range 0.0-999.9 ug/m3.
const uint16_t kMaxTenths = 9999;
// Data comes once a second (1 + 0.5 s); 2 s covers a frame in flight.
const uint32_t kFrameTimeoutMs = 2000;

}  // namespace

uint8_t checksum(const uint8_t* data, size_t length) {
  uint8_t sum = 0;
  for (size_t i = 0; i < length; ++i) sum = static_cast<uint8_t>(sum + data[i]);
  return sum;
}

void command(const uint8_t data[13], uint8_t out[kCommandLength]) {
  out[0] = kHead;
  out[1] = kSend;
  memcpy(out + 2, data, 13);
  out[15] = 0xFF;  // device ID FF FF: whichever sensor is on the line
  out[16] = 0xFF;
  out[17] = checksum(out + 2, 15);
  out[18] = kTail;
}

Frame parse(const uint8_t f[kFrameLength], uint16_t* pm2_5, uint16_t* pm10) {
  if (f[0] != kHead || f[1] != kData || f[9] != kTail) return Frame::BadFraming;
  if (checksum(f + 2, 6) != f[8]) return Frame::BadChecksum;
  *pm2_5 = static_cast<uint16_t>(f[2] | f[3] << 8);
  *pm10 = static_cast<uint16_t>(f[4] | f[5] << 8);
  return Frame::Ok;
}

const uint8_t* header() { return kHeader; }

}  // namespace sds011

UartSensor::Protocol Sds011::protocol(const uint8_t* configure) {
  Protocol p;
  p.header = sds011::header();
  p.headerLength = 2;
  p.frameLength = sds011::kFrameLength;
  p.request = 0;
  p.requestLength = 0;
  // Active reporting, set each time it is found: a setting survives power off,
  // and another program may have left it in query mode.
  p.configure = configure;
  p.configureLength = sds011::kCommandLength;
  p.timeoutMs = sds011::kFrameTimeoutMs;
  return p;
}

Sds011::Sds011(UartPort& port, uint32_t intervalMs) : UartSensor("sds011", intervalMs, port, protocol(configure_)) {
  const uint8_t active[13] = {sds011::kReportMode, 1, 0};  // set, active
  sds011::command(active, configure_);
}

PolledSensor::Result Sds011::decode(const uint8_t* frame, uint64_t takenMs, Emitter& out) {
  uint16_t pm2_5 = 0;
  uint16_t pm10 = 0;
  if (sds011::parse(frame, &pm2_5, &pm10) != sds011::Frame::Ok) return fail(ReadError::Crc);
  // PM2.5 is part of PM10.
  if (pm2_5 > pm10 || pm10 > sds011::kMaxTenths) return fail(ReadError::OutOfRange);
  out.emit(0, pm2_5 / 10.0, takenMs);
  out.emit(1, pm10 / 10.0, takenMs);
  return done();
}

}  // namespace harbor
