// Host model of DS18B20s on one 1-Wire pin, as the datasheet describes them:
// ROM codes (family 0x28, serial, CRC), SEARCH ROM bit by bit, MATCH ROM,
// SKIP ROM, Convert T taking its time, and the scratchpad with its CRC; the
// temperature register holds +85 degC until the first conversion.
#pragma once

#include "harbor/sensors/ds18b20.h"
#include "host_models.h"

namespace harbor {
namespace host {

class Ds18b20Model : public OneWireModel {
 public:
  // `count` devices, device i following waves[i] (degC); `roms` as the driver
  // takes them, or "" for ROM codes made from `seed` (the sensor's position),
  // ordered so the search finds device 0 first. Only the first `count` waves are used.
  Ds18b20Model(uint8_t count, const char* roms, uint8_t seed, const Wave& w0, const Wave& w1, const Wave& w2,
               const Wave& w3, const Wave& w4, const Wave& w5, const Wave& w6, const Wave& w7,
               const Faults& faults);

  bool reset(uint64_t nowMs) override;
  void writeBit(bool bit, uint64_t nowMs) override;
  bool readBit(uint64_t nowMs) override;

  // Devices ignore Convert T, as ones that lost power after it would: they
  // answer with the power-on +85 degC.
  void missConversions(bool miss) { missConversions_ = miss; }
  const uint8_t* rom(uint8_t device) const { return devices_[device].rom; }

 private:
  enum class State : uint8_t { RomCommand, MatchRom, Search, Function, ReadScratchpad, Idle };
  struct Device {
    uint8_t rom[8];
    Wave wave;
    uint16_t raw;          // the temperature register
    uint16_t pendingRaw;   // the conversion's result, in the register at readyAtMs
    uint64_t readyAtMs;
    bool selected;         // still on the bus after the ROM command
    uint8_t scratchpad[9];
  };
  void command(uint8_t byte, uint64_t nowMs);
  void settle(Device& d, uint64_t nowMs);
  bool romBit(const Device& d, int bit) const { return (d.rom[bit / 8] >> (bit % 8)) & 1; }

  uint8_t count_;
  Device devices_[ds18b20::kMaxDevices];
  State state_;
  uint8_t byte_;
  uint8_t bits_;      // bits of the byte being written, or of the ROM being matched / searched
  uint8_t phase_;     // search: 0 the bit, 1 its complement, 2 the master's direction
  uint8_t readIndex_; // scratchpad bit being read
  bool missConversions_;
};

}  // namespace host
}  // namespace harbor
