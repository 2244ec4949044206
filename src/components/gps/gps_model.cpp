#include "gps_model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

namespace harbor {
namespace host {

const uint32_t GpsModel::kPeriodMs;

namespace {

// "4717.11399,N": degrees and minutes to 5 decimals, as u-blox receivers send them.
void angle(double value, int degreeDigits, char positive, char negative, char* out, size_t size) {
  const double a = fabs(value);
  int degrees = static_cast<int>(a);
  double minutes = (a - degrees) * 60.0;
  if (minutes >= 59.999995) {  // would print as 60.00000
    degrees += 1;
    minutes = 0;
  }
  snprintf(out, size, "%0*d%08.5f,%c", degreeDigits, degrees, minutes, value < 0 ? negative : positive);
}

}  // namespace

GpsModel::GpsModel(const Wave& latitude, const Wave& longitude, const Wave& altitude, const Wave& satellites,
                   uint64_t fixAfterMs, const Faults& faults)
    : UartModel(faults), latitude_(latitude), longitude_(longitude), altitude_(altitude), satellites_(satellites),
      fixAfterMs_(fixAfterMs), line_(9600), nextMs_(kPeriodMs) {}

void GpsModel::sentence(const char* body, uint64_t atMs) {
  uint8_t sum = 0;
  for (const char* p = body; *p != '\0'; ++p) sum = static_cast<uint8_t>(sum ^ static_cast<uint8_t>(*p));
  char text[100];
  const int n = snprintf(text, sizeof text, "$%s*%02X\r\n", body, sum);
  line_.send(reinterpret_cast<const uint8_t*>(text), static_cast<size_t>(n), atMs);
}

void GpsModel::produce(uint64_t nowMs) {
  const uint64_t backlog = 16ULL * kPeriodMs;
  if (nowMs > backlog && nextMs_ < nowMs - backlog) nextMs_ += (nowMs - backlog - nextMs_) / kPeriodMs * kPeriodMs;
  for (; nextMs_ <= nowMs; nextMs_ += kPeriodMs) {
    const uint64_t t = nextMs_;
    const unsigned seconds = static_cast<unsigned>((t / 1000) % 86400);
    char time[16];
    snprintf(time, sizeof time, "%02u%02u%02u.00", seconds / 3600, seconds / 60 % 60, seconds % 60);
    char body[96];
    if (t < fixAfterMs_) {
      snprintf(body, sizeof body, "GPRMC,%s,V,,,,,,,,,,N", time);
      sentence(body, t);
      sentence("GPVTG,,,,,,,,,N", t);
      snprintf(body, sizeof body, "GPGGA,%s,,,,,0,00,99.99,,,,,,", time);
      sentence(body, t);
      continue;
    }
    char lat[24];
    char lon[24];
    angle(latitude_.at(t), 2, 'N', 'S', lat, sizeof lat);
    angle(longitude_.at(t), 3, 'E', 'W', lon, sizeof lon);
    snprintf(body, sizeof body, "GPRMC,%s,A,%s,%s,0.004,77.52,261126,,,A", time, lat, lon);
    sentence(body, t);
    sentence("GPVTG,77.52,T,,M,0.004,N,0.008,K,A", t);
    const double sats = floor(satellites_.at(t) + 0.5);
    snprintf(body, sizeof body, "GPGGA,%s,%s,%s,1,%02d,1.01,%.1f,M,48.0,M,,", time, lat, lon, static_cast<int>(sats),
             altitude_.at(t));
    sentence(body, t);
  }
}

void GpsModel::receive(const uint8_t*, size_t, uint64_t nowMs) { produce(nowMs); }

size_t GpsModel::transmit(uint8_t* data, size_t capacity, uint64_t nowMs) {
  produce(nowMs);
  return line_.read(data, capacity, nowMs);
}

}  // namespace host
}  // namespace harbor
