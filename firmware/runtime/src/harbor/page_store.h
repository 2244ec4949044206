// The platform side of the flash buffer (flash_ring.h): a fixed number of
// equal pages in flash, each read and written whole. The platform decides
// where they live (a LittleFS file on the Arduino cores, a file on the host)
// and which erase blocks that costs; the ring above knows only pages.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace harbor {

class PageStore {
 public:
  // Mounts what the pages live in; false when the storage cannot be used
  // (then the ring keeps its readings in RAM and says so).
  virtual bool begin() = 0;
  virtual uint32_t pageCount() const = 0;
  virtual size_t pageBytes() const = 0;
  // Reads page `page` (< pageCount()) into `out` (pageBytes()).
  virtual bool read(uint32_t page, uint8_t* out) = 0;
  // Writes page `page` whole. A power cut during the write may leave this page
  // torn (the ring's CRC finds it), never another one.
  virtual bool write(uint32_t page, const uint8_t* data) = 0;

 protected:
  ~PageStore() {}
};

}  // namespace harbor
