#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "host_state.h"

namespace harbor {
namespace host {

Options& options() {
  static Options o;
  return o;
}

const char* usage() {
  return "Runs Harbor firmware on this computer with a virtual clock.\n"
         "\n"
         "Options:\n"
         "  --duration <ms>      sample for this many virtual ms, then drain and exit\n"
         "  --speed <N|max>      virtual ms per real ms while idle (default 1); max never sleeps\n"
         "  --endpoint <url>     use this base URL instead of HARBOR_BASE_URL (the harbor id\n"
         "                       stays in the path)\n"
         "  --start-utc <ms>     virtual UTC at boot, epoch ms (default: now)\n"
         "  --sntp-delay <ms>    the clock is unsynced for this many virtual ms (default 0)\n"
         "  --seed <n>           seed of the random numbers (backoff jitter; default 1)\n"
         "  --mac <mac>          the board's MAC, e.g. 02:00:00:a1:b2:c3\n"
         "  --max-drain-ms <ms>  virtual time allowed for draining after --duration (default 24 h)\n"
         "  --max-real-ms <ms>   exit after this much real time (default: no limit)\n"
         "  --help\n";
}

namespace {

bool parseUnsigned(const char* text, uint64_t* value) {
  if (text == 0 || !isdigit(static_cast<unsigned char>(text[0]))) return false;
  errno = 0;
  char* end = 0;
  const unsigned long long v = strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0') return false;
  *value = v;
  return true;
}

bool parseMac(const char* text, std::string* out) {
  std::string hex;
  for (const char* p = text; *p != '\0'; ++p) {
    if (*p == ':' || *p == '-') continue;
    if (!isxdigit(static_cast<unsigned char>(*p))) return false;
    hex += static_cast<char>(tolower(static_cast<unsigned char>(*p)));
  }
  if (hex.size() != 12) return false;
  *out = hex;
  return true;
}

}  // namespace

bool parseOptions(int argc, char** argv, Options* out, std::string* error) {
  const auto fail = [error](const std::string& message) {
    *error = message;
    return false;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (name == "--help" || name == "-h") {
      out->help = true;
      continue;
    }
    const char* value = i + 1 < argc ? argv[i + 1] : 0;
    if (value == 0) return fail("missing value after " + name);
    ++i;
    uint64_t n = 0;
    const std::string bad = "invalid value for " + name + ": " + value;
    if (name == "--duration") {
      if (!parseUnsigned(value, &n)) return fail(bad);
      out->durationMs = static_cast<int64_t>(n);
    } else if (name == "--speed") {
      if (strcmp(value, "max") == 0) {
        out->speed = 0;
      } else {
        char* end = 0;
        const double s = strtod(value, &end);
        if (*end != '\0' || !(s > 0)) return fail(bad + " (a positive number or max)");
        out->speed = s;
      }
    } else if (name == "--endpoint") {
      std::string url = value;
      while (!url.empty() && url[url.size() - 1] == '/') url.erase(url.size() - 1);
      if (url.compare(0, 7, "http://") != 0 && url.compare(0, 8, "https://") != 0) {
        return fail(bad + " (an http:// or https:// URL)");
      }
      out->endpoint = url;
    } else if (name == "--start-utc") {
      if (!parseUnsigned(value, &n)) return fail(bad);
      out->startUtcMs = static_cast<int64_t>(n);
    } else if (name == "--sntp-delay") {
      if (!parseUnsigned(value, &out->sntpDelayMs)) return fail(bad);
    } else if (name == "--seed") {
      if (!parseUnsigned(value, &out->seed)) return fail(bad);
    } else if (name == "--mac") {
      if (!parseMac(value, &out->mac)) return fail(bad + " (12 hex digits)");
    } else if (name == "--max-drain-ms") {
      if (!parseUnsigned(value, &out->maxDrainMs)) return fail(bad);
    } else if (name == "--max-real-ms") {
      if (!parseUnsigned(value, &out->maxRealMs)) return fail(bad);
    } else {
      return fail("unknown option " + name);
    }
  }
  return true;
}

}  // namespace host
}  // namespace harbor
