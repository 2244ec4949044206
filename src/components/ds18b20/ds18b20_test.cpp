// DS18B20: the datasheet's temperature/data table and Maxim's CRC example,
// then the driver against the host model of several devices on one pin.
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "component_rig.h"
#include "ds18b20_model.h"
#include "harbor/sensors/ds18b20.h"
#include "sensor_faults.h"

using harbor::Ds18b20;
using harbor::OneWireBus;
using harbor::ReadError;
using harbor::host::Ds18b20Model;
using harbor::host::Faults;
using harbor::host::Wave;

namespace {

const Wave kA = {21.0, 4.0, 600000, 0};
const Wave kB = {-8.0, 12.0, 900000, 0};
const Wave kC = {60.0, 30.0, 300000, 0};
const Wave kFlat = {0, 0, 0, 0};

Ds18b20Model model(uint8_t count, const char* roms, const Faults& faults = Faults()) {
  return Ds18b20Model(count, roms, 0, kA, kB, kC, kFlat, kFlat, kFlat, kFlat, kFlat, faults);
}

const Wave& waveOf(uint8_t channel) { return channel == 0 ? kA : channel == 1 ? kB : kC; }

}  // namespace

TEST_CASE("ds18b20: the datasheet's temperature/data relationship (Table 1), 12 bits") {
  struct Row { uint16_t raw; double c; };
  const Row rows[] = {{0x07D0, 125}, {0x0550, 85},      {0x0191, 25.0625}, {0x00A2, 10.125}, {0x0008, 0.5},
                      {0x0000, 0},   {0xFFF8, -0.5},    {0xFF5E, -10.125}, {0xFE6F, -25.0625}, {0xFC90, -55}};
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; ++i) {
    CHECK_EQ(harbor::ds18b20::celsius(rows[i].raw & 0xFF, rows[i].raw >> 8, 0x7F), rows[i].c);
  }
  // Figure 8 / "Temperature register": at 9 bits, bits 2-0 are undefined; +25.0625 reads +25.0.
  CHECK_EQ(harbor::ds18b20::celsius(0x91, 0x01, 0x1F), 25.0);
  CHECK_EQ(harbor::ds18b20::celsius(0x6F, 0xFE, 0x5F), -25.125);  // 11 bits: bit 0 dropped
}

TEST_CASE("ds18b20: Maxim AN27's ROM example 02 1C B8 01 00 00 00 has CRC A2; a scratchpad is checked with it") {
  const uint8_t rom[7] = {0x02, 0x1C, 0xB8, 0x01, 0x00, 0x00, 0x00};
  CHECK_EQ(harbor::oneWireCrc8(rom, 7), 0xA2u);
  uint8_t pad[9] = {0x91, 0x01, 0x4B, 0x46, 0x7F, 0xFF, 0x0F, 0x10, 0};
  pad[8] = harbor::oneWireCrc8(pad, 8);
  double c = 0;
  CHECK(harbor::ds18b20::checkScratchpad(pad, &c) == harbor::ds18b20::Check::Ok);
  CHECK_EQ(c, 25.0625);
  pad[0] ^= 0x04;
  CHECK(harbor::ds18b20::checkScratchpad(pad, &c) == harbor::ds18b20::Check::Crc);
  // Power-on value +85 degC: not a measurement.
  uint8_t powerOn[9] = {0x50, 0x05, 0x4B, 0x46, 0x7F, 0xFF, 0x0C, 0x10, 0};
  powerOn[8] = harbor::oneWireCrc8(powerOn, 8);
  CHECK(harbor::ds18b20::checkScratchpad(powerOn, &c) == harbor::ds18b20::Check::PowerOn);
  // A bus held low reads nine zeros, whose CRC is right.
  const uint8_t zeros[9] = {0, 0, 0, 0, 0, 0, 0, 0, 0};
  CHECK(harbor::ds18b20::checkScratchpad(zeros, &c) == harbor::ds18b20::Check::Blank);
}

TEST_CASE("ds18b20: ROM search finds every device on the pin once, in ascending order, in short steps") {
  fake::reset();
  harbor::host::detachAllModels();
  Ds18b20Model devices = model(3, "");
  harbor::host::attachOneWire(4, &devices);
  OneWireBus bus(4);
  uint8_t roms[8][8];
  CHECK_EQ(bus.search(roms, 8), 3u);
  for (uint8_t i = 0; i < 3; ++i) {
    CHECK_EQ(memcmp(roms[i], devices.rom(i), 8), 0);
    CHECK_EQ(roms[i][0], 0x28u);
  }
  CHECK_EQ(harbor::ds18b20::parseRoms("28a0001e821604ff+2880001e82160400", roms, 8), 2u);
  CHECK_EQ(roms[1][1], 0x80u);
  CHECK_EQ(roms[0][7], 0xFFu);
}

TEST_CASE("ds18b20: two on one pin, each its own channel with its own value, on its slot from the first, no step over 3.1 ms") {
  fake::reset();
  harbor::host::detachAllModels();
  Ds18b20Model devices = model(2, "");
  harbor::host::attachOneWire(4, &devices);
  harbor::host::labelModel(&devices, 0);
  OneWireBus bus(4);
  Ds18b20 sensor(bus, 2, "", 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 600000);
  CHECK_EQ(out.of(0).size(), 60u);
  CHECK_EQ(out.of(1).size(), 60u);
  CHECK(out.errors.empty());
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    // The search comes after the first Convert T (SKIP ROM needs no ROM): even the boot's slot is on time.
    CHECK_EQ(e.takenMs % 10000, 0u);
    CHECK(fabs(e.value - waveOf(e.channel).at(e.takenMs)) <= 0.0625);
  }
  // Set-up's presence reset with the first Convert T (3.04 ms) is the longest; a search step is 2.4 ms.
  CHECK(harbor::host::longestStepUs(0) > 2000);
  CHECK(harbor::host::longestStepUs(0) <= 3100);
}

TEST_CASE("ds18b20: roms= fixes which device is which, whatever the search order") {
  fake::reset();
  harbor::host::detachAllModels();
  Ds18b20Model devices = model(2, "");
  harbor::host::attachOneWire(4, &devices);
  char roms[40];
  char* p = roms;
  for (int d = 1; d >= 0; --d) {
    for (int i = 0; i < 8; ++i) p += snprintf(p, 3, "%02x", devices.rom(static_cast<uint8_t>(d))[i]);
    if (d == 1) *p++ = '+';
  }
  OneWireBus bus(4);
  Ds18b20 sensor(bus, 1, roms, 30000);  // count follows the ROMs given
  fake::Capture out;
  fake::runComponent(sensor, out, 300000);
  CHECK_EQ(out.of(0).size(), 10u);
  CHECK_EQ(out.of(1).size(), 10u);
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    CHECK_EQ(e.takenMs % 30000, 0u);  // no search: on the slot
    CHECK(fabs(e.value - (e.channel == 0 ? kB : kA).at(e.takenMs)) <= 0.0625);
  }
}

TEST_CASE("ds18b20: bad CRCs cost that device's reading only, never a wrong value") {
  fake::reset();
  harbor::host::detachAllModels();
  Faults faults;
  faults.corruptRate = 0.1;
  faults.seed = 3;
  Ds18b20Model devices = model(3, "", faults);
  harbor::host::attachOneWire(4, &devices);
  OneWireBus bus(4);
  Ds18b20 sensor(bus, 3, "", 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 3600000);
  CHECK(out.errors.size() > 60u);
  for (size_t i = 0; i < out.errors.size(); ++i) CHECK(out.errors[i] == ReadError::Crc);
  // Every device's slot is a reading or a counted error.
  CHECK_EQ(out.readings.size() + out.errors.size(), 3u * 360u);
  for (size_t i = 0; i < out.readings.size(); ++i) {
    const fake::Emitted& e = out.readings[i];
    CHECK(fabs(e.value - waveOf(e.channel).at(e.takenMs)) <= 0.0625);
  }
}

TEST_CASE("ds18b20: the power-on +85 degC of a device that missed Convert T is never sent") {
  fake::reset();
  harbor::host::detachAllModels();
  Ds18b20Model devices = model(1, "");
  devices.missConversions(true);
  harbor::host::attachOneWire(4, &devices);
  OneWireBus bus(4);
  Ds18b20 sensor(bus, 1, "", 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 60000);
  CHECK(out.readings.empty());
  CHECK_EQ(out.errors.size(), 6u);
  for (size_t i = 0; i < out.errors.size(); ++i) CHECK(out.errors[i] == ReadError::OutOfRange);
}

TEST_CASE("ds18b20: unplugged for 10 minutes: every slot counted once, said once, back on its slots") {
  fake::reset();
  harbor::host::detachAllModels();
  Faults faults;
  harbor::host::Window gone = {600000, 1200000};
  faults.unplugged.push_back(gone);
  Ds18b20Model devices = model(2, "", faults);
  harbor::host::attachOneWire(4, &devices);
  OneWireBus bus(4);
  Ds18b20 sensor(bus, 2, "", 10000);
  fake::Capture out;
  fake::runComponent(sensor, out, 1800000);
  fake::checkUnplugged(out, gone, 10000, 1800000);
  CHECK_EQ(out.of(1).size(), out.of(0).size());
  for (size_t i = 0; i < out.readings.size(); ++i) {
    // Known ROMs: no new search after it comes back, so its readings stay on their slots.
    if (out.readings[i].takenMs > 1200000) CHECK_EQ(out.readings[i].takenMs % 10000, 0u);
  }
}

TEST_CASE("ds18b20: two drivers on one pin take a device each, hold the pin in turn and share one conversion") {
  fake::reset();
  harbor::host::detachAllModels();
  // Two sensors' models on the pin, as the generated wiring attaches them (their ROMs differ by the sensor).
  Ds18b20Model first(1, "", 0, kA, kFlat, kFlat, kFlat, kFlat, kFlat, kFlat, kFlat, Faults());
  Ds18b20Model second(2, "", 1, kB, kC, kFlat, kFlat, kFlat, kFlat, kFlat, kFlat, Faults());
  harbor::host::attachOneWire(4, &first);
  harbor::host::attachOneWire(4, &second);
  harbor::host::labelModel(&first, 0);
  OneWireBus bus(4);
  Ds18b20 one(bus, 1, "", 10000);
  Ds18b20 two(bus, 2, "", 30000);
  harbor::Component* components[2] = {&one, &two};
  fake::Capture outs[2];
  // The device's loop: every component due now runs, in order, then the clock moves to the next.
  for (int i = 0; i < 2; ++i) {
    components[i]->begin(fake::state().nowMs);
    components[i]->nextRunMs = fake::state().nowMs;
  }
  while (fake::state().nowMs < 600000) {
    uint64_t next = ~0ULL;
    for (int i = 0; i < 2; ++i) {
      if (components[i]->nextRunMs <= fake::state().nowMs) components[i]->nextRunMs = components[i]->run(fake::state().nowMs, outs[i]);
      if (components[i]->nextRunMs < next) next = components[i]->nextRunMs;
    }
    fake::state().nowMs = next;
  }
  CHECK(outs[0].errors.empty());
  CHECK(outs[1].errors.empty());
  CHECK_EQ(outs[0].of(0).size(), 60u);
  CHECK_EQ(outs[1].of(0).size(), 20u);
  CHECK_EQ(outs[1].of(1).size(), 20u);
  // The lowest ROM is the first sensor's device: each driver reads its own model's waves.
  const Wave* waves[2][2] = {{&kA, &kA}, {&kB, &kC}};
  for (int s = 0; s < 2; ++s) {
    for (size_t i = 0; i < outs[s].readings.size(); ++i) {
      const fake::Emitted& e = outs[s].readings[i];
      CHECK(fabs(e.value - waves[s][e.channel]->at(e.takenMs)) <= 0.0625);
      // Every reading on its slot; at boot the second waits a pass for the pin the first's set-up held
      // (the searches come after the conversion, so no longer than that).
      const uint64_t period = s == 0 ? 10000 : 30000;
      CHECK_EQ(e.takenMs % period, e.takenMs < period && s == 1 ? 1u : 0u);
    }
  }
  CHECK(harbor::host::longestStepUs(0) <= 3100);
}
