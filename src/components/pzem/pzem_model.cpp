#include "pzem_model.h"

#include <math.h>

#include "harbor/bus/crc.h"

namespace harbor {
namespace host {

namespace {

uint32_t units(double value, double lsb) { return value <= 0 ? 0 : static_cast<uint32_t>(floor(value / lsb + 0.5)); }

void appendCrc(uint8_t* frame, size_t length) {
  const uint16_t crc = modbusCrc16(frame, length);
  frame[length] = static_cast<uint8_t>(crc);
  frame[length + 1] = static_cast<uint8_t>(crc >> 8);
}

}  // namespace

PzemModel::PzemModel(uint8_t address, const Wave& volts, const Wave& amps, const Wave& watts, const Wave& wattHours,
                     const Wave& hertz, const Wave& powerFactor, const Faults& faults)
    : UartModel(faults), address_(address), line_(9600), have_(0) {
  waves_[0] = volts;
  waves_[1] = amps;
  waves_[2] = watts;
  waves_[3] = wattHours;
  waves_[4] = hertz;
  waves_[5] = powerFactor;
}

void PzemModel::registersAt(uint64_t nowMs, uint16_t regs[pzem::kRegisters]) const {
  const uint32_t amps = units(waves_[1].at(nowMs), 0.001);
  const uint32_t watts = units(waves_[2].at(nowMs), 0.1);
  const uint32_t wh = units(waves_[3].at(nowMs), 1);
  regs[0] = static_cast<uint16_t>(units(waves_[0].at(nowMs), 0.1));
  regs[1] = static_cast<uint16_t>(amps);
  regs[2] = static_cast<uint16_t>(amps >> 16);
  regs[3] = static_cast<uint16_t>(watts);
  regs[4] = static_cast<uint16_t>(watts >> 16);
  regs[5] = static_cast<uint16_t>(wh);
  regs[6] = static_cast<uint16_t>(wh >> 16);
  regs[7] = static_cast<uint16_t>(units(waves_[4].at(nowMs), 0.1));
  regs[8] = static_cast<uint16_t>(units(waves_[5].at(nowMs), 0.01));
  regs[9] = 0x0000;  // no power alarm
}

void PzemModel::receive(const uint8_t* data, size_t length, uint64_t nowMs) {
  for (size_t i = 0; i < length; ++i) {
    const uint8_t b = data[i];
    if (have_ == 0 && b != address_ && b != pzem::kGeneralAddress) continue;
    request_[have_++] = b;
    if (have_ < pzem::kRequestLength) continue;
    have_ = 0;
    const uint16_t crc = modbusCrc16(request_, 6);
    if (request_[6] != static_cast<uint8_t>(crc) || request_[7] != static_cast<uint8_t>(crc >> 8)) continue;
    const uint16_t start = static_cast<uint16_t>(request_[2] << 8 | request_[3]);
    const uint16_t count = static_cast<uint16_t>(request_[4] << 8 | request_[5]);
    uint8_t answer[pzem::kAnswerLength];
    size_t n = 0;
    answer[n++] = request_[0];
    if (request_[1] != pzem::kReadInput || count == 0 || start + count > pzem::kRegisters) {
      answer[n++] = static_cast<uint8_t>(request_[1] | 0x80);  // Modbus exception
      answer[n++] = request_[1] != pzem::kReadInput ? 0x01 : 0x02;
    } else {
      uint16_t regs[pzem::kRegisters];
      registersAt(nowMs, regs);
      answer[n++] = pzem::kReadInput;
      answer[n++] = static_cast<uint8_t>(2 * count);
      for (uint16_t r = start; r < start + count; ++r) {
        answer[n++] = static_cast<uint8_t>(regs[r] >> 8);
        answer[n++] = static_cast<uint8_t>(regs[r]);
      }
    }
    appendCrc(answer, n);
    line_.send(answer, n + 2, nowMs + 10);
  }
}

size_t PzemModel::transmit(uint8_t* data, size_t capacity, uint64_t nowMs) { return line_.read(data, capacity, nowMs); }

}  // namespace host
}  // namespace harbor
