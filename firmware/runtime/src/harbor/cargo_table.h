// The cargo ids an uplink sends under: the ones the program declared (the
// generated table, possibly in HARBOR_FLASH), then any others recorded at run
// time, copied into a small fixed pool. Readings carry an index into it.
// Callers hold platform::lock().
#pragma once

#include <stddef.h>
#include <stdint.h>

// Cargo ids recorded without being declared: how many, and the bytes they may
// take together (UTF-8, each with its NUL). Build flags can raise both.
#ifndef HARBOR_MAX_EXTRA_CARGOS
#define HARBOR_MAX_EXTRA_CARGOS 8
#endif
#ifndef HARBOR_EXTRA_CARGO_BYTES
#define HARBOR_EXTRA_CARGO_BYTES 256
#endif

namespace harbor {

class CargoTable {
 public:
  // A reading's cargo index is one byte.
  static const size_t kMaxCargos = 255;

  CargoTable(const char* const* declared, uint32_t declaredCount);

  size_t count() const { return declared_ + extraCount_; }
  size_t declared() const { return declared_; }
  // The id at `index`; may point into HARBOR_FLASH.
  const char* at(size_t index) const;
  // Index of `id`, or -1 when it is not in the table.
  int find(const char* id) const;
  // Index of `id`, adding it when there is room; -1 when there is none.
  int findOrAdd(const char* id);

 private:
  const char* const* declaredIds_;
  size_t declared_;
  char pool_[HARBOR_EXTRA_CARGO_BYTES];
  size_t poolUsed_;
  uint16_t extraStart_[HARBOR_MAX_EXTRA_CARGOS];
  size_t extraCount_;
};

}  // namespace harbor
