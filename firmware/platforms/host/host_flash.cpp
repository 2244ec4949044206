// The flash buffer's pages on the host: a file that outlives the process
// (--flash-file), so a simulated power cut or deep sleep finds it again.
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include "harbor/page_store.h"
#include "harbor/platform.h"
#include "host_state.h"

namespace harbor {
namespace host {

namespace {

class FilePages : public PageStore {
 public:
  FilePages() : count_(0), bytes_(0), fd_(-1) {}
  void configure(uint32_t count, size_t bytes) {
    count_ = count;
    bytes_ = bytes;
  }

  bool begin() override {
    const std::string& path = options().flashFile;
    if (path.empty()) {
      // No file named: a fresh one of this run only.
      FILE* scratch = tmpfile();
      if (scratch == 0) return false;
      fd_ = dup(fileno(scratch));
      fclose(scratch);
    } else {
      fd_ = open(path.c_str(), O_RDWR | O_CREAT, 0600);
    }
    if (fd_ < 0) return false;
    // The whole region exists from the start, as a flash partition does: a
    // torn page then reads back at full length, and only its CRC tells.
    const off_t size = static_cast<off_t>(count_) * static_cast<off_t>(bytes_);
    struct stat st;
    return fstat(fd_, &st) == 0 && (st.st_size >= size || ftruncate(fd_, size) == 0);
  }

  uint32_t pageCount() const override { return count_; }
  size_t pageBytes() const override { return bytes_; }

  bool read(uint32_t page, uint8_t* out) override {
    const off_t at = static_cast<off_t>(page) * static_cast<off_t>(bytes_);
    return fd_ >= 0 && pread(fd_, out, bytes_, at) == static_cast<ssize_t>(bytes_);
  }

  bool write(uint32_t page, const uint8_t* data) override {
    if (fd_ < 0) return false;
    ++flashPageWrites();
    const off_t at = static_cast<off_t>(page) * static_cast<off_t>(bytes_);
    // A power cut due during this write tears it: a prefix reaches the file, then the process ends.
    size_t torn = 0;
    const bool cut = powerCutTearsWrite(bytes_, &torn);
    const size_t n = cut ? torn : bytes_;
    const bool ok = pwrite(fd_, data, n, at) == static_cast<ssize_t>(n);
    if (cut) powerCut(true);
    return ok;
  }

 private:
  uint32_t count_;
  size_t bytes_;
  int fd_;
};

}  // namespace

}  // namespace host

namespace platform {

PageStore& flashPages(uint32_t count, size_t bytes) {
  static host::FilePages pages;
  pages.configure(count, bytes);
  return pages;
}

}  // namespace platform
}  // namespace harbor
