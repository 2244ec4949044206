#include "harbor/component.h"

#include "harbor/flash_data.h"

namespace harbor {

const char* readErrorText(ReadError error) {
  switch (error) {
    case ReadError::Nack:
      return HARBOR_TEXT("no answer (NACK)");
    case ReadError::Crc:
      return HARBOR_TEXT("bad checksum");
    case ReadError::Timeout:
      return HARBOR_TEXT("timed out");
    case ReadError::OutOfRange:
      return HARBOR_TEXT("value out of the sensor's range");
    case ReadError::Absent:
      return HARBOR_TEXT("not found");
    case ReadError::Bus:
      return HARBOR_TEXT("bus error");
    default:
      return HARBOR_TEXT("failed");
  }
}

uint32_t skipMissedSlots(uint64_t* dueMs, uint64_t nowMs, uint32_t intervalMs) {
  if (intervalMs == 0 || nowMs < *dueMs + intervalMs) return 0;
  const uint64_t slots = (nowMs - *dueMs) / intervalMs;
  *dueMs += slots * intervalMs;
  return static_cast<uint32_t>(slots);
}

}  // namespace harbor
