#include "harbor/sensors/ds18b20.h"

#include <stdio.h>
#include <string.h>

namespace harbor {
namespace ds18b20 {

double celsius(uint8_t lsb, uint8_t msb, uint8_t config) {
  // R1 R0 = 00: 9 bits (bits 2-0 undefined) ... 11: 12 bits.
  const uint8_t undefinedBits = static_cast<uint8_t>(3 - ((config >> 5) & 3));
  const uint16_t mask = static_cast<uint16_t>(0xFFFF << undefinedBits);
  const int16_t raw = static_cast<int16_t>((static_cast<uint16_t>(msb << 8) | lsb) & mask);
  return raw / 16.0;
}

Check checkScratchpad(const uint8_t scratchpad[9], double* c) {
  bool blank = true;
  for (int i = 0; i < 9; ++i) blank = blank && scratchpad[i] == 0;
  if (blank) return Check::Blank;
  if (oneWireCrc8(scratchpad, 8) != scratchpad[8]) return Check::Crc;
  if ((scratchpad[0] | scratchpad[1] << 8) == kPowerOnRaw) return Check::PowerOn;
  *c = celsius(scratchpad[0], scratchpad[1], scratchpad[4]);
  if (*c < -55 || *c > 125) return Check::OutOfRange;
  return Check::Ok;
}

namespace {

int hexDigit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

}  // namespace

uint8_t parseRoms(const char* text, uint8_t (*roms)[8], uint8_t capacity) {
  uint8_t n = 0;
  while (text != 0 && *text != '\0' && n < capacity) {
    for (int i = 0; i < 8; ++i) {
      const int hi = hexDigit(text[0]);
      const int lo = hi < 0 ? -1 : hexDigit(text[1]);
      if (lo < 0) return n;
      roms[n][i] = static_cast<uint8_t>(hi << 4 | lo);
      text += 2;
    }
    ++n;
    if (*text == '+') ++text;
  }
  return n;
}

}  // namespace ds18b20

namespace {

// A step holds the pin for at most a reset and a byte or two, or three bytes
// (8 slots of ~70 us a byte), so the other sensors of a loop pass are stamped
// on time: 4 search bits are 12 slots, 0.84 ms, after the SEARCH ROM's reset
// and command (2.4 ms in all). The bus idles high between slots for as long as
// the master likes, so a transaction may pause after any byte.
const uint8_t kSearchBitsPerStep = 4;
const uint8_t kBytesPerStep = 3;

// A device's read: reset and MATCH ROM, its ROM code, READ SCRATCHPAD, the 9 bytes.
enum Phase : uint8_t { kSelect, kRom, kCommand, kRead };

ReadError errorOf(ds18b20::Check check) {
  switch (check) {
    case ds18b20::Check::Crc:
      return ReadError::Crc;
    case ds18b20::Check::Blank:
      return ReadError::Bus;
    default:
      return ReadError::OutOfRange;
  }
}

}  // namespace

Ds18b20* Ds18b20::first_ = 0;

Ds18b20::Ds18b20(OneWireBus& bus, uint8_t count, const char* roms, uint32_t intervalMs)
    : PolledSensor(name_, intervalMs),
      next_(first_),
      bus_(bus),
      count_(count == 0 ? 1 : count > ds18b20::kMaxDevices ? ds18b20::kMaxDevices : count),
      known_(0),
      found_(0),
      searching_(false),
      converting_(false),
      convertAtMs_(0),
      device_(0),
      phase_(kSelect),
      byte_(0) {
  first_ = this;
  memset(scratchpad_, 0, sizeof scratchpad_);
  memset(roms_, 0, sizeof roms_);
  memset(values_, 0, sizeof values_);
  memset(errors_, 0, sizeof errors_);
  const uint8_t given = ds18b20::parseRoms(roms, roms_, ds18b20::kMaxDevices);
  if (given > 0) {
    count_ = given;
    known_ = given;
  }
  snprintf(name_, sizeof name_, "ds18b20 pin %d", bus.pin());
}

Ds18b20::~Ds18b20() {
  for (Ds18b20** d = &first_; *d != 0; d = &(*d)->next_) {
    if (*d == this) {
      *d = next_;
      break;
    }
  }
}

bool Ds18b20::takenByOther(const uint8_t* rom) const {
  for (const Ds18b20* d = first_; d != 0; d = d->next_) {
    if (d == this || &d->bus_ != &bus_) continue;
    for (uint8_t i = 0; i < d->claimed(); ++i) {
      if (memcmp(d->roms_[i], rom, 8) == 0) return true;
    }
  }
  return false;
}

// A presence pulse says someone is on the pin; a device that is missing fails
// its own reads. The devices are searched for after the first Convert T, which
// needs no ROM (SKIP ROM), so even the boot's slot is taken on time.
PolledSensor::Result Ds18b20::setup(uint64_t nowMs) {
  if (!bus_.acquire(this, nowMs)) return waitMs(1);  // another driver's transaction
  const bool present = bus_.reset();
  bus_.release(this, nowMs);
  return present ? done() : fail(ReadError::Absent);
}

// One step of the ROM search, the pin held until it ends.
PolledSensor::Result Ds18b20::search(uint64_t nowMs) {
  if (!bus_.acquire(this, nowMs)) return waitMs(1);
  if (!searching_) {
    search_.restart();
    found_ = 0;
    searching_ = true;
  }
  const OneWireSearch::Step step = bus_.searchStep(search_, kSearchBitsPerStep);
  // Other families on the pin are not ours, nor devices another driver took.
  if (step == OneWireSearch::Step::Found && search_.rom[0] == ds18b20::kFamilyCode && !takenByOther(search_.rom)) {
    memcpy(roms_[found_++], search_.rom, 8);
  }
  if (found_ == count_ || step == OneWireSearch::Step::End) {
    searching_ = false;
    bus_.release(this, nowMs);
    if (found_ < count_) {
      // Fewer than `count`: which is which is not known yet, so none is read.
      converting_ = false;
      return fail(ReadError::Absent);
    }
    known_ = count_;
  }
  return waitMs(1);
}

PolledSensor::Result Ds18b20::start(uint64_t nowMs) {
  converting_ = false;
  device_ = 0;
  phase_ = kSelect;
  return convert(nowMs);
}

// One Convert T by SKIP ROM makes every device on the pin convert, so a
// conversion another driver started less than tCONV ago serves this one too.
PolledSensor::Result Ds18b20::convert(uint64_t nowMs) {
  for (const Ds18b20* d = first_; d != 0; d = d->next_) {
    if (d == this || &d->bus_ != &bus_ || !d->converting_ || nowMs - d->convertAtMs_ >= ds18b20::kConversionMs) continue;
    convertAtMs_ = d->convertAtMs_;
    converting_ = true;
    return waitMs(static_cast<uint32_t>(convertAtMs_ + ds18b20::kConversionMs - nowMs));
  }
  if (!bus_.acquire(this, nowMs)) return waitMs(1);
  const bool present = bus_.select(0);
  if (present) bus_.writeByte(ds18b20::kConvertT);
  bus_.release(this, nowMs);
  if (!present) return fail(ReadError::Absent);
  converting_ = true;
  convertAtMs_ = nowMs;
  return waitMs(ds18b20::kConversionMs);
}

PolledSensor::Result Ds18b20::collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) {
  if (!converting_) return convert(nowMs);  // the pin was busy at the slot
  if (known_ < count_) return search(nowMs);
  // A device's read holds the pin from its reset to its last byte.
  if (!bus_.acquire(this, nowMs)) return waitMs(1);
  if (readStep().step == Step::Wait) return waitMs(1);
  bus_.release(this, nowMs);
  if (++device_ < count_) {
    phase_ = kSelect;
    return waitMs(1);
  }
  converting_ = false;
  return finish(takenMs, out);
}

// One step of device_'s read: Wait while it goes on; Done when errors_[device_]
// and values_[device_] hold its outcome.
PolledSensor::Result Ds18b20::readStep() {
  switch (phase_) {
    case kSelect:
      if (!bus_.reset()) {
        errors_[device_] = ReadError::Absent;
        return done();
      }
      bus_.writeByte(OneWireBus::kMatchRom);
      phase_ = kRom;
      byte_ = 0;
      return waitMs(1);
    case kRom:
      for (uint8_t n = 0; n < kBytesPerStep && byte_ < 8; ++n) bus_.writeByte(roms_[device_][byte_++]);
      if (byte_ == 8) phase_ = kCommand;
      return waitMs(1);
    case kCommand:
      bus_.writeByte(ds18b20::kReadScratchpad);
      phase_ = kRead;
      byte_ = 0;
      return waitMs(1);
    default:
      for (uint8_t n = 0; n < kBytesPerStep && byte_ < 9; ++n) scratchpad_[byte_++] = bus_.readByte();
      if (byte_ < 9) return waitMs(1);
      double c = 0;
      const ds18b20::Check check = ds18b20::checkScratchpad(scratchpad_, &c);
      errors_[device_] = check == ds18b20::Check::Ok ? ReadError::None : errorOf(check);
      values_[device_] = static_cast<float>(c);
      return done();
  }
}

// Every good device's reading, every bad one counted; a slot where none was
// good is the sensor's failure (counted once by PolledSensor, which sets the
// bus up again after a few).
PolledSensor::Result Ds18b20::finish(uint64_t takenMs, Emitter& out) {
  uint8_t good = 0;
  for (uint8_t i = 0; i < count_; ++i) {
    if (errors_[i] != ReadError::None) continue;
    out.emit(i, values_[i], takenMs);
    ++good;
  }
  if (good == 0) {
    for (uint8_t i = 1; i < count_; ++i) out.fail(errors_[i]);
    return fail(errors_[0]);
  }
  for (uint8_t i = 0; i < count_; ++i) {
    if (errors_[i] != ReadError::None) out.fail(errors_[i]);
  }
  return done();
}

}  // namespace harbor
