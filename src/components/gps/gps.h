// A GPS / GNSS receiver sending NMEA 0183 sentences on a UART (9600 baud, the
// u-blox and most modules' default): after each slot the driver takes the
// next GGA (position, altitude, satellites, fix quality) and RMC (status A =
// valid) sentences whose checksums hold, read a few bytes a step. Sentence
// fields and the checksum (XOR of the characters between '$' and '*'): NMEA
// 0183 and the u-blox 8 / M8 Receiver Description, sections GGA and RMC.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "harbor/uart_sensor.h"

namespace harbor {
namespace nmea {

// The longest sentence NMEA 0183 allows: 82 characters with '$' and CR LF.
const size_t kMaxSentence = 82;

struct Fix {
  double latitude, longitude;  // degrees, north and east positive
  double altitude;             // m above mean sea level
  uint8_t satellites;
  uint8_t quality;             // GGA fix quality: 0 = no fix
};

// Whether `sentence` ("$....*hh", without CR LF) has a good checksum.
bool checksumOk(const char* sentence);
// "GGA" / "RMC" of any talker ($GP, $GN, $GL...), or 0.
const char* typeOf(const char* sentence);
// Fields of a GGA sentence; false when one is malformed.
bool parseGga(const char* sentence, Fix* fix);
// RMC's status field: true for A (valid).
bool rmcValid(const char* sentence);

}  // namespace nmea

class Gps : public UartSensor {
 public:
  // Channels: latitude, longitude (degrees), altitude (m), satellites.
  Gps(UartPort& port, uint32_t intervalMs);

 protected:
  bool feed(uint8_t byte) override;
  void restart() override;
  Result decode(const uint8_t* frame, uint64_t takenMs, Emitter& out) override;

 private:
  static Protocol protocol();
  void sentenceDone();

  char line_[nmea::kMaxSentence + 1];
  uint8_t length_;
  bool inSentence_;
  bool haveGga_;
  bool haveRmc_;
  bool valid_;
  bool corrupt_;  // a GGA or RMC with a bad checksum arrived
  nmea::Fix fix_;
};

}  // namespace harbor
