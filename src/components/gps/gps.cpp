#include "harbor/sensors/gps.h"

#include <stdlib.h>
#include <string.h>

namespace harbor {
namespace nmea {

namespace {

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The start of field `n` (0 = the address, "GPGGA") of a sentence, or 0.
const char* field(const char* sentence, int n) {
  const char* p = sentence + 1;
  for (int i = 0; i < n; ++i) {
    p = strchr(p, ',');
    if (p == 0) return 0;
    ++p;
  }
  return p;
}

bool empty(const char* f) { return f == 0 || *f == ',' || *f == '*' || *f == '\0'; }

// ddmm.mmmm (latitude, 2 degree digits) or dddmm.mmmm (longitude, 3) and N/S or E/W.
bool angle(const char* f, const char* hemisphere, int degreeDigits, char negative, double* out) {
  if (empty(f) || empty(hemisphere)) return false;
  char* end = 0;
  const double raw = strtod(f, &end);
  if (end == f || (*end != ',' && *end != '*')) return false;
  const double degrees = static_cast<double>(static_cast<long>(raw / 100));
  const double minutes = raw - degrees * 100;
  if (minutes >= 60 || degrees > (degreeDigits == 2 ? 90 : 180)) return false;
  *out = (degrees + minutes / 60.0) * (*hemisphere == negative ? -1 : 1);
  return true;
}

}  // namespace

bool checksumOk(const char* s) {
  if (s[0] != '$') return false;
  uint8_t sum = 0;
  const char* p = s + 1;
  for (; *p != '\0' && *p != '*'; ++p) sum = static_cast<uint8_t>(sum ^ static_cast<uint8_t>(*p));
  if (*p != '*') return false;
  const int hi = hexDigit(p[1]);
  const int lo = p[1] != '\0' ? hexDigit(p[2]) : -1;
  return hi >= 0 && lo >= 0 && p[3] == '\0' && sum == (hi << 4 | lo);
}

const char* typeOf(const char* s) {
  if (strlen(s) < 6 || s[0] != '$') return 0;
  if (strncmp(s + 3, "GGA,", 4) == 0) return "GGA";
  if (strncmp(s + 3, "RMC,", 4) == 0) return "RMC";
  return 0;
}

bool parseGga(const char* s, Fix* fix) {
  // $--GGA,time,lat,N/S,lon,E/W,quality,satellites,hdop,altitude,M,...
  const char* quality = field(s, 6);
  if (empty(quality)) return false;
  fix->quality = static_cast<uint8_t>(atoi(quality));
  if (fix->quality == 0) return true;  // no fix: the other fields may be empty
  const char* sats = field(s, 7);
  const char* alt = field(s, 9);
  if (empty(sats) || empty(alt)) return false;
  if (!angle(field(s, 2), field(s, 3), 2, 'S', &fix->latitude)) return false;
  if (!angle(field(s, 4), field(s, 5), 3, 'W', &fix->longitude)) return false;
  fix->satellites = static_cast<uint8_t>(atoi(sats));
  fix->altitude = strtod(alt, 0);
  return true;
}

bool rmcValid(const char* s) {
  const char* status = field(s, 2);
  return status != 0 && *status == 'A';
}

}  // namespace nmea

namespace {

// A receiver sends its sentences once a second; the GGA and RMC of the next
// second are in within 2.5 s of any slot.
const uint32_t kSentenceTimeoutMs = 2500;

}  // namespace

UartSensor::Protocol Gps::protocol() {
  Protocol p;
  p.header = 0;
  p.headerLength = 0;
  p.frameLength = 0;
  p.request = 0;
  p.requestLength = 0;
  p.configure = 0;
  p.configureLength = 0;
  p.timeoutMs = kSentenceTimeoutMs;
  return p;
}

Gps::Gps(UartPort& port, uint32_t intervalMs)
    : UartSensor("gps", intervalMs, port, protocol()), length_(0), inSentence_(false), haveGga_(false),
      haveRmc_(false), valid_(false), corrupt_(false), fix_() {
  line_[0] = '\0';
}

void Gps::restart() {
  length_ = 0;
  inSentence_ = false;
  haveGga_ = haveRmc_ = valid_ = corrupt_ = false;
}

void Gps::sentenceDone() {
  line_[length_] = '\0';
  const char* type = nmea::typeOf(line_);
  if (type == 0) return;  // GSV, GSA, VTG...: not needed
  if (!nmea::checksumOk(line_)) {
    corrupt_ = true;
    return;
  }
  if (type[0] == 'G') {
    nmea::Fix fix = fix_;
    if (nmea::parseGga(line_, &fix)) {
      fix_ = fix;
      haveGga_ = true;
    } else {
      corrupt_ = true;
    }
  } else {
    haveRmc_ = true;
    valid_ = nmea::rmcValid(line_);
  }
}

bool Gps::feed(uint8_t byte) {
  const char c = static_cast<char>(byte);
  if (c == '$') {  // a sentence starts, whatever came before
    inSentence_ = true;
    length_ = 0;
  }
  if (!inSentence_) return false;
  if (c == '\r' || c == '\n') {
    inSentence_ = false;
    sentenceDone();
    return corrupt_ || (haveGga_ && haveRmc_);
  }
  if (length_ >= nmea::kMaxSentence) {  // too long: not NMEA
    inSentence_ = false;
    return false;
  }
  line_[length_++] = c;
  return false;
}

PolledSensor::Result Gps::decode(const uint8_t*, uint64_t takenMs, Emitter& out) {
  if (corrupt_) return fail(ReadError::Crc);
  // No fix (GGA quality 0 or RMC status V): the position is not a measurement.
  if (!valid_ || fix_.quality == 0) return fail(ReadError::OutOfRange);
  out.emit(0, fix_.latitude, takenMs);
  out.emit(1, fix_.longitude, takenMs);
  out.emit(2, fix_.altitude, takenMs);
  out.emit(3, fix_.satellites, takenMs);
  return done();
}

}  // namespace harbor
