#include "harbor/sensors/pzem.h"

#include "harbor/bus/crc.h"

namespace harbor {
namespace pzem {

namespace {

uint16_t word(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
// A 32-bit value in two registers, low word first (section 2.3).
uint32_t pair(const uint8_t* p) { return static_cast<uint32_t>(word(p + 2)) << 16 | word(p); }

// The answer starts 10-30 ms after the request and takes 26 ms at 9600 baud; a second is plenty.
const uint32_t kAnswerTimeoutMs = 1000;

}  // namespace

void request(uint8_t address, uint8_t out[kRequestLength]) {
  out[0] = address;
  out[1] = kReadInput;
  out[2] = 0x00;  // from register 0x0000
  out[3] = 0x00;
  out[4] = 0x00;  // ten registers
  out[5] = kRegisters;
  const uint16_t crc = modbusCrc16(out, 6);
  out[6] = static_cast<uint8_t>(crc);
  out[7] = static_cast<uint8_t>(crc >> 8);
}

Frame parse(const uint8_t a[kAnswerLength], uint8_t address, Reading* r) {
  if (a[0] != address || a[1] != kReadInput || a[2] != 2 * kRegisters) return Frame::BadFraming;
  const uint16_t crc = modbusCrc16(a, kAnswerLength - 2);
  if (a[kAnswerLength - 2] != static_cast<uint8_t>(crc) || a[kAnswerLength - 1] != static_cast<uint8_t>(crc >> 8)) {
    return Frame::BadCrc;
  }
  const uint8_t* d = a + 3;
  r->volts = word(d) / 10.0;
  r->amps = pair(d + 2) / 1000.0;
  r->watts = pair(d + 6) / 10.0;
  r->wattHours = pair(d + 10);
  r->hertz = word(d + 14) / 10.0;
  r->powerFactor = word(d + 16) / 100.0;
  r->alarm = word(d + 18) == 0xFFFF;
  return Frame::Ok;
}

}  // namespace pzem

UartSensor::Protocol Pzem::protocol(const uint8_t* header, const uint8_t* request) {
  Protocol p;
  p.header = header;
  p.headerLength = 3;
  p.frameLength = pzem::kAnswerLength;
  p.request = request;
  p.requestLength = pzem::kRequestLength;
  p.configure = 0;
  p.configureLength = 0;
  p.timeoutMs = pzem::kAnswerTimeoutMs;
  return p;
}

Pzem::Pzem(UartPort& port, uint8_t address, uint32_t intervalMs)
    : UartSensor("pzem", intervalMs, port, protocol(header_, request_)), address_(address) {
  header_[0] = address;
  header_[1] = pzem::kReadInput;
  header_[2] = 2 * pzem::kRegisters;
  pzem::request(address, request_);
}

PolledSensor::Result Pzem::decode(const uint8_t* frame, uint64_t takenMs, Emitter& out) {
  pzem::Reading r;
  if (pzem::parse(frame, address_, &r) != pzem::Frame::Ok) return fail(ReadError::Crc);
  // Section 1: power factor 0.00-1.00, frequency 45-65 Hz (0 with no voltage).
  if (r.powerFactor > 1.0 || (r.hertz != 0 && (r.hertz < 45 || r.hertz > 65))) return fail(ReadError::OutOfRange);
  out.emit(0, r.volts, takenMs);
  out.emit(1, r.amps, takenMs);
  out.emit(2, r.watts, takenMs);
  out.emit(3, r.wattHours, takenMs);
  out.emit(4, r.hertz, takenMs);
  out.emit(5, r.powerFactor, takenMs);
  return done();
}

}  // namespace harbor
