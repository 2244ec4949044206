// Maxim DS18B20 temperature sensors, several on one 1-Wire pin. Each slot
// sends one Convert T to all of them at once (SKIP ROM), comes back after the
// 12-bit conversion time and reads each device's scratchpad by MATCH ROM, a
// device per two short steps, checking its CRC. The devices are found once by
// ROM search (or given as ROM codes) and keep their channel from then on.
// Several drivers may share a pin: each takes devices the others have not,
// they hold the pin in turn, and one Convert T serves all of them.
// Datasheet: Maxim DS18B20 19-7487 Rev 6, "Operation", "Memory", "ROM Commands".
#pragma once

#include <stdint.h>

#include "harbor/bus/one_wire.h"
#include "harbor/polled_sensor.h"

namespace harbor {
namespace ds18b20 {

const uint8_t kFamilyCode = 0x28;
const uint8_t kConvertT = 0x44;
const uint8_t kReadScratchpad = 0xBE;
// The temperature register's power-on value, +85 degC (datasheet Table 1 note):
// a device that was reset after Convert T returns it instead of a measurement.
const uint16_t kPowerOnRaw = 0x0550;
const uint32_t kConversionMs = 750;  // tCONV at 12 bits (datasheet, DC/AC characteristics)
const uint8_t kMaxDevices = 8;

enum class Check : uint8_t { Ok, Crc, Blank, PowerOn, OutOfRange };

// The temperature register (scratchpad bytes 0 and 1, 1/16 degC two's
// complement) in degC; the bits a lower resolution leaves undefined (config
// byte 4, R1 R0: Figure 8) are dropped.
double celsius(uint8_t lsb, uint8_t msb, uint8_t config);
// Checks a 9-byte scratchpad: its CRC (byte 8, Maxim AN27 CRC-8 over bytes
// 0-7), a bus held low (all zeros pass the CRC), the power-on value, and the
// -55 to +125 degC range; *c is the temperature when Ok.
Check checkScratchpad(const uint8_t scratchpad[9], double* c);
// "28ff641e8216c3a9+28..." (16 hex digits each, the ROM code as the wizard and
// the search print it, family code first) into `roms`; returns how many.
uint8_t parseRoms(const char* text, uint8_t (*roms)[8], uint8_t capacity);

}  // namespace ds18b20

class Ds18b20 : public PolledSensor {
 public:
  // `count` devices on `bus`, channel i the i-th of the ROM search (ascending
  // ROM code, lowest bit first), or the i-th of `roms` when not empty.
  Ds18b20(OneWireBus& bus, uint8_t count, const char* roms, uint32_t intervalMs);
  ~Ds18b20();

 protected:
  Result setup(uint64_t nowMs) override;
  Result start(uint64_t nowMs) override;
  Result collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) override;

 private:
  Result convert(uint64_t nowMs);
  Result search(uint64_t nowMs);
  Result readStep();
  Result finish(uint64_t takenMs, Emitter& out);
  // A device another driver on this pin has taken (found or given).
  bool takenByOther(const uint8_t* rom) const;
  uint8_t claimed() const { return searching_ ? found_ : known_; }

  static Ds18b20* first_;  // every driver, to share a pin
  Ds18b20* next_;
  OneWireBus& bus_;
  uint8_t count_;
  uint8_t known_;     // ROMs known (all `count_` once found)
  uint8_t found_;     // found so far by the search in progress
  bool searching_;
  bool converting_;   // this slot's conversion is under way
  uint64_t convertAtMs_;  // when it started
  uint8_t device_;    // the device being read
  uint8_t phase_;     // where its read is (Phase in ds18b20.cpp)
  uint8_t byte_;      // bytes of that phase done
  OneWireSearch search_;
  uint8_t scratchpad_[9];
  uint8_t roms_[ds18b20::kMaxDevices][8];
  float values_[ds18b20::kMaxDevices];
  ReadError errors_[ds18b20::kMaxDevices];
  char name_[24];
};

}  // namespace harbor
