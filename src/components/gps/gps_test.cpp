// GPS over NMEA: the u-blox protocol specification's example GGA and RMC
// sentences, then the driver against the host model through faults.
#include <math.h>

#include "check.h"
#include "component_rig.h"
#include "gps_model.h"
#include "harbor/sensors/gps.h"
#include "sensor_faults.h"

using harbor::Gps;
using harbor::UartPort;
using harbor::host::Faults;
using harbor::host::GpsModel;
using harbor::host::Wave;

namespace {

const Wave kWaves[4] = {{47.285, 0.0001, 3600000, 0}, {8.565, 0.0001, 3600000, 0}, {499.6, 5.0, 3600000, 0},
                        {9.0, 3.0, 1800000, 0}};
const double kResolution[4] = {0.000001, 0.000001, 0.1, 1};

bool onWave(const fake::Emitted& e) {
  return e.channel < 4 && fabs(e.value - kWaves[e.channel].at(e.takenMs)) <= kResolution[e.channel];
}

struct Rig {
  explicit Rig(uint64_t fixAfterMs = 0)
      : model(kWaves[0], kWaves[1], kWaves[2], kWaves[3], fixAfterMs, Faults()), port(1, 16, 17, 9600), sensor(port, 10000) {
    fake::reset();
    harbor::host::detachAllModels();
    harbor::host::attachUart(1, &model);
  }
  GpsModel model;
  UartPort port;
  Gps sensor;
  fake::Capture out;
};

// u-blox 8 / u-blox M8 Receiver Description incl. Protocol Specification,
// NMEA messages GGA and RMC: their example sentences.
const char* const kGga = "$GPGGA,092725.00,4717.11399,N,00833.91590,E,1,08,1.01,499.6,M,48.0,M,,*5B";
const char* const kRmc = "$GPRMC,083559.00,A,4717.11437,N,00833.91522,E,0.004,77.52,091202,,,A*57";

}  // namespace

TEST_CASE("gps: the u-blox specification's GGA example: 47.2852332 N, 8.5652650 E, 499.6 m, 8 satellites") {
  CHECK(harbor::nmea::checksumOk(kGga));
  CHECK(harbor::nmea::typeOf(kGga) != 0);
  harbor::nmea::Fix fix;
  CHECK(harbor::nmea::parseGga(kGga, &fix));
  CHECK(fabs(fix.latitude - (47 + 17.11399 / 60)) < 1e-9);  // ddmm.mmmmm
  CHECK(fabs(fix.longitude - (8 + 33.91590 / 60)) < 1e-9);  // dddmm.mmmmm
  CHECK(fabs(fix.altitude - 499.6) < 1e-9);
  CHECK_EQ(fix.satellites, 8);
  CHECK_EQ(fix.quality, 1);
  // South and west are negative; the checksum follows the changed letters
  // (0x5B ^ 'N' ^ 'S' ^ 'E' ^ 'W' = 0x54).
  const char* southWest = "$GPGGA,092725.00,4717.11399,S,00833.91590,W,1,08,1.01,499.6,M,48.0,M,,*54";
  CHECK(harbor::nmea::checksumOk(southWest));
  CHECK(harbor::nmea::parseGga(southWest, &fix));
  CHECK(fix.latitude < -47.28 && fix.longitude < -8.56);
  // A multi-GNSS receiver (u-blox M8 default) talks as GN: 0x5B ^ 'P' ^ 'N' = 0x45.
  const char* gn = "$GNGGA,092725.00,4717.11399,N,00833.91590,E,1,08,1.01,499.6,M,48.0,M,,*45";
  CHECK(harbor::nmea::checksumOk(gn));
  CHECK(harbor::nmea::typeOf(gn) != 0);
  CHECK(harbor::nmea::parseGga(gn, &fix));
  CHECK_EQ(fix.satellites, 8);
}

TEST_CASE("gps: the RMC example is valid (status A); a changed character breaks the checksum") {
  CHECK(harbor::nmea::checksumOk(kRmc));
  CHECK(harbor::nmea::rmcValid(kRmc));
  CHECK(!harbor::nmea::checksumOk("$GPRMC,083559.00,A,4717.11437,N,00833.91522,E,0.004,77.52,091202,,,A*58"));
  CHECK(!harbor::nmea::checksumOk("$GPRMC,083559.00,A,4717.11437,N,00833.91523,E,0.004,77.52,091202,,,A*57"));
  CHECK(!harbor::nmea::checksumOk("$GPRMC,083559.00,A,4717.11437,N,00833.91522,E,0.004,77.52,091202,,,A"));
  const char* noFix = "$GPRMC,083559.00,V,,,,,,,091202,,,N*77";
  CHECK(harbor::nmea::checksumOk(noFix));
  CHECK(!harbor::nmea::rmcValid(noFix));
}

TEST_CASE("gps: reads the model's position, altitude and satellites after each slot") {
  Rig rig;
  fake::runComponent(rig.sensor, rig.out, 3600000);
  CHECK_EQ(rig.out.readings.size(), 360u * 4);
  CHECK(rig.out.errors.empty());
  for (size_t i = 0; i < rig.out.readings.size(); ++i) {
    CHECK_EQ(rig.out.readings[i].takenMs % 10000, 0u);
    CHECK(onWave(rig.out.readings[i]));
  }
}

TEST_CASE("gps: no fix yet: those slots are counted, never sent") {
  Rig rig(95000);
  fake::runComponent(rig.sensor, rig.out, 600000);
  // Slots 0 .. 90 s see no fix; from 100 s on, the model's values.
  CHECK_EQ(rig.out.errors.size(), 10u);
  CHECK_EQ(rig.out.readings.size(), 50u * 4);
  for (size_t i = 0; i < rig.out.readings.size(); ++i) {
    CHECK(rig.out.readings[i].takenMs >= 100000u);
    CHECK(onWave(rig.out.readings[i]));
  }
}

TEST_CASE("gps: corrupted sentences are counted and skipped, never sent") {
  Rig rig;
  Faults faults;
  faults.corruptRate = 0.05;
  faults.seed = 17;
  rig.model.faults.set(faults);
  fake::runComponent(rig.sensor, rig.out, 3600000);
  CHECK(rig.out.errors.size() > 5u);
  CHECK_EQ(rig.out.readings.size() / 4 + rig.out.errors.size(), 360u);
  for (size_t i = 0; i < rig.out.readings.size(); ++i) CHECK(onWave(rig.out.readings[i]));
}

TEST_CASE("gps: unplugged for five minutes: counted once a slot, said once, back within a minute") {
  Rig rig;
  fake::checkUnplugged(rig.sensor, rig.model.faults, 10000, 4, onWave);
}
