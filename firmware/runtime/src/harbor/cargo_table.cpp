#include "harbor/cargo_table.h"

#include <string.h>

#include "harbor/flash_data.h"

namespace harbor {

namespace {

// strcmp where `a` may live in flash.
bool sameId(const char* a, const char* b) {
  for (size_t i = 0;; ++i) {
    const char c = flash::charAt(a, i);
    if (c != b[i]) return false;
    if (c == '\0') return true;
  }
}

}  // namespace

CargoTable::CargoTable(const char* const* declared, uint32_t declaredCount)
    : declaredIds_(declared),
      declared_(declaredCount < kMaxCargos ? declaredCount : kMaxCargos),
      poolUsed_(0),
      extraCount_(0) {
  pool_[0] = '\0';
}

const char* CargoTable::at(size_t index) const {
  if (index < declared_) return flash::read(declaredIds_[index]);
  if (index < declared_ + extraCount_) return pool_ + extraStart_[index - declared_];
  return "";
}

int CargoTable::find(const char* id) const {
  for (size_t i = 0; i < count(); ++i) {
    if (sameId(at(i), id)) return static_cast<int>(i);
  }
  return -1;
}

int CargoTable::findOrAdd(const char* id) {
  const int found = find(id);
  if (found >= 0) return found;
  const size_t length = strlen(id) + 1;
  if (extraCount_ >= HARBOR_MAX_EXTRA_CARGOS || count() >= kMaxCargos ||
      poolUsed_ + length > sizeof pool_) {
    return -1;
  }
  memcpy(pool_ + poolUsed_, id, length);
  extraStart_[extraCount_] = static_cast<uint16_t>(poolUsed_);
  poolUsed_ += length;
  ++extraCount_;
  return static_cast<int>(count() - 1);
}

}  // namespace harbor
