#include "ds18b20_model.h"

#include <math.h>
#include <string.h>

namespace harbor {
namespace host {

namespace {

uint8_t reverse8(uint8_t v) {
  uint8_t r = 0;
  for (int i = 0; i < 8; ++i) r = static_cast<uint8_t>(r | (((v >> i) & 1) << (7 - i)));
  return r;
}

// Conversions take ~500 ms of the datasheet's 750 ms maximum.
const uint32_t kModelConversionMs = 500;

}  // namespace

Ds18b20Model::Ds18b20Model(uint8_t count, const char* roms, uint8_t seed, const Wave& w0, const Wave& w1,
                           const Wave& w2, const Wave& w3, const Wave& w4, const Wave& w5, const Wave& w6,
                           const Wave& w7, const Faults& faults)
    : OneWireModel(faults), count_(count > ds18b20::kMaxDevices ? ds18b20::kMaxDevices : count),
      state_(State::Idle), byte_(0), bits_(0), phase_(0), readIndex_(0), missConversions_(false) {
  const Wave* waves[ds18b20::kMaxDevices] = {&w0, &w1, &w2, &w3, &w4, &w5, &w6, &w7};
  uint8_t given[ds18b20::kMaxDevices][8];
  const uint8_t n = ds18b20::parseRoms(roms, given, ds18b20::kMaxDevices);
  if (n > 0) count_ = n;
  for (uint8_t i = 0; i < count_; ++i) {
    Device& d = devices_[i];
    memset(&d, 0, sizeof d);
    if (n > 0) {
      memcpy(d.rom, given[i], 8);
    } else {
      // The search goes the 0 way first from the lowest bit: the index's bits
      // reversed into the first serial byte keep device i the i-th found.
      const uint8_t serial[6] = {reverse8(i), static_cast<uint8_t>(0xA0 + seed), 0x1E, 0x82, 0x16, 0x04};
      d.rom[0] = ds18b20::kFamilyCode;
      memcpy(d.rom + 1, serial, 6);
      d.rom[7] = oneWireCrc8(d.rom, 7);
    }
    d.wave = *waves[i];
    d.raw = ds18b20::kPowerOnRaw;
    d.pendingRaw = d.raw;
  }
}

void Ds18b20Model::settle(Device& d, uint64_t nowMs) {
  if (d.readyAtMs != 0 && nowMs >= d.readyAtMs) {
    d.raw = d.pendingRaw;
    d.readyAtMs = 0;
  }
}

bool Ds18b20Model::reset(uint64_t) {
  state_ = State::RomCommand;
  byte_ = 0;
  bits_ = 0;
  for (uint8_t i = 0; i < count_; ++i) devices_[i].selected = true;
  return count_ > 0;
}

void Ds18b20Model::command(uint8_t byte, uint64_t nowMs) {
  if (state_ == State::RomCommand) {
    if (byte == OneWireBus::kSkipRom) state_ = State::Function;
    else if (byte == OneWireBus::kMatchRom) state_ = State::MatchRom;
    else if (byte == OneWireBus::kSearchRom) state_ = State::Search;
    else state_ = State::Idle;
    bits_ = 0;
    phase_ = 0;
    return;
  }
  if (state_ != State::Function) return;
  if (byte == ds18b20::kConvertT) {
    for (uint8_t i = 0; i < count_; ++i) {
      Device& d = devices_[i];
      if (!d.selected || missConversions_) continue;
      settle(d, nowMs);
      // The value at the start of the conversion, to the 12-bit step (1/16 degC).
      d.pendingRaw = static_cast<uint16_t>(static_cast<int16_t>(lround(d.wave.at(nowMs) * 16)));
      d.readyAtMs = nowMs + kModelConversionMs;
    }
    state_ = State::Idle;
  } else if (byte == ds18b20::kReadScratchpad) {
    for (uint8_t i = 0; i < count_; ++i) {
      Device& d = devices_[i];
      if (!d.selected) continue;
      settle(d, nowMs);
      // Table 2 / Figure 7: temperature, TH, TL, config (12 bits), reserved, CRC.
      const uint8_t pad[8] = {static_cast<uint8_t>(d.raw & 0xFF), static_cast<uint8_t>(d.raw >> 8), 0x4B, 0x46, 0x7F, 0xFF, 0x0C, 0x10};
      memcpy(d.scratchpad, pad, 8);
      d.scratchpad[8] = oneWireCrc8(pad, 8);
      faults.corrupt(d.scratchpad, 9);
    }
    state_ = State::ReadScratchpad;
    readIndex_ = 0;
  } else {
    state_ = State::Idle;
  }
}

void Ds18b20Model::writeBit(bool bit, uint64_t nowMs) {
  if (state_ == State::MatchRom) {
    for (uint8_t i = 0; i < count_; ++i) {
      if (devices_[i].selected && romBit(devices_[i], bits_) != bit) devices_[i].selected = false;
    }
    if (++bits_ == 64) {
      state_ = State::Function;
      bits_ = 0;
    }
    return;
  }
  if (state_ == State::Search) {
    // The master's direction: devices whose bit differs drop out until the next reset.
    if (phase_ != 2) return;
    for (uint8_t i = 0; i < count_; ++i) {
      if (devices_[i].selected && romBit(devices_[i], bits_) != bit) devices_[i].selected = false;
    }
    phase_ = 0;
    if (++bits_ == 64) state_ = State::Idle;
    return;
  }
  if (state_ != State::RomCommand && state_ != State::Function) return;
  byte_ = static_cast<uint8_t>(byte_ | (bit ? 1u << bits_ : 0u));
  if (++bits_ == 8) {
    const uint8_t b = byte_;
    byte_ = 0;
    bits_ = 0;
    command(b, nowMs);
  }
}

bool Ds18b20Model::readBit(uint64_t) {
  if (state_ == State::Search && phase_ < 2) {
    // Wired-AND of every remaining device's bit (phase 0) or its complement (phase 1).
    bool level = true;
    for (uint8_t i = 0; i < count_; ++i) {
      if (!devices_[i].selected) continue;
      const bool b = romBit(devices_[i], bits_);
      level = level && (phase_ == 0 ? b : !b);
    }
    ++phase_;
    return level;
  }
  if (state_ == State::ReadScratchpad && readIndex_ < 72) {
    bool level = true;
    for (uint8_t i = 0; i < count_; ++i) {
      if (devices_[i].selected) level = level && ((devices_[i].scratchpad[readIndex_ / 8] >> (readIndex_ % 8)) & 1);
    }
    ++readIndex_;
    return level;
  }
  return true;
}

}  // namespace host
}  // namespace harbor
