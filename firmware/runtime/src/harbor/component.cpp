#include "harbor/component.h"

namespace harbor {

const char* readErrorText(ReadError error) {
  switch (error) {
    case ReadError::Nack:
      return "no answer (NACK)";
    case ReadError::Crc:
      return "bad checksum";
    case ReadError::Timeout:
      return "timed out";
    case ReadError::OutOfRange:
      return "value out of the sensor's range";
    case ReadError::Absent:
      return "not found";
    case ReadError::Bus:
      return "bus error";
    default:
      return "failed";
  }
}

uint32_t skipMissedSlots(uint64_t* dueMs, uint64_t nowMs, uint32_t intervalMs) {
  if (intervalMs == 0 || nowMs < *dueMs + intervalMs) return 0;
  const uint64_t slots = (nowMs - *dueMs) / intervalMs;
  *dueMs += slots * intervalMs;
  return static_cast<uint32_t>(slots);
}

}  // namespace harbor
