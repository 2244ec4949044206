// The flash buffer's pages (harbor/page_store.h) in a LittleFS file, on every
// Arduino core: the ESP8266 core's FS API, which arduino-pico ported, and
// arduino-esp32's agree on the part used here. littlefs writes nothing in
// place: a power cut during a write leaves the file as it was before it or
// after it, and its wear levelling spreads the page writes over the partition.
#include <LittleFS.h>

#include "harbor/page_store.h"
#include "harbor/platform.h"

namespace harbor {

namespace {

const char kBufferPath[] = "/harbor-buffer.bin";

class LittleFsPages : public PageStore {
 public:
  LittleFsPages() : count_(0), bytes_(0), open_(false) {}
  void configure(uint32_t count, size_t bytes) {
    count_ = count;
    bytes_ = bytes;
  }

  bool begin() override {
#if defined(HARBOR_PLATFORM_ARDUINO_ESP32)
    // Formats the default table's data partition on first use.
    if (!LittleFS.begin(true)) return false;
#else
    // The ESP8266 core and arduino-pico format on first use themselves.
    if (!LittleFS.begin()) return false;
#endif
    file_ = LittleFS.open(kBufferPath, LittleFS.exists(kBufferPath) ? "r+" : "w+");
    open_ = static_cast<bool>(file_);
    return open_;
  }

  uint32_t pageCount() const override { return count_; }
  size_t pageBytes() const override { return bytes_; }

  bool read(uint32_t page, uint8_t* out) override {
    const size_t at = static_cast<size_t>(page) * bytes_;
    // Past the end: a page never written (the file grows a page at a time).
    if (!open_ || at + bytes_ > file_.size() || !file_.seek(at)) return false;
    const int got = file_.read(out, bytes_);  // Stream's int: -1 on error
    return got >= 0 && static_cast<size_t>(got) == bytes_;
  }

  bool write(uint32_t page, const uint8_t* data) override {
    const size_t at = static_cast<size_t>(page) * bytes_;
    if (!open_) return false;
    // Pages come in order, so only a write lost to a cut leaves a gap: fill it.
    static const uint8_t kErased[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    while (file_.size() < at) {
      const size_t gap = at - file_.size();
      if (!file_.seek(file_.size()) || file_.write(kErased, gap < sizeof kErased ? gap : sizeof kErased) == 0) return false;
    }
    if (!file_.seek(at)) return false;
    const bool ok = file_.write(data, bytes_) == bytes_;
    file_.flush();  // the commit: until here a cut leaves the old contents
    return ok;
  }

 private:
  uint32_t count_;
  size_t bytes_;
  bool open_;
  File file_;
};

}  // namespace

namespace platform {

PageStore& flashPages(uint32_t count, size_t bytes) {
  static LittleFsPages pages;  // constructed on first call, whatever the order of static initialisation
  pages.configure(count, bytes);
  return pages;
}

}  // namespace platform
}  // namespace harbor
