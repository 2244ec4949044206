#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "host_models.h"
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
         "  --sntp-delay <ms|never>  the clock is unsynced for this many virtual ms (default 0);\n"
         "                       never: SNTP never answers\n"
         "  --sender <task|loop> send from a task, like the ESP32 and Pico W, or from loop(),\n"
         "                       like the ESP8266 (default: as the project's board)\n"
         "  --wifi-down <from-to,...>  virtual ms windows without an IP address\n"
         "  --io-scale <n>       real time in HTTP I/O counts n times on the virtual clock and\n"
         "                       the boards' timeouts shrink n times in real time (default 1)\n"
         "  --sensor-faults <n:key=value,...;...>  faults of sensor n (its position in the\n"
         "                       project): nack=<rate>, corrupt=<rate>, unplug=<from-to>,\n"
         "                       burst=<from-to> (windows in virtual ms, repeatable)\n"
         "  --flash-file <path>  the flash buffer's file, kept across runs (default: a fresh one)\n"
         "  --boot-at <ms>       this boot starts at this virtual ms (a reboot of an earlier run)\n"
         "  --power-cut-at <ms>[:write]  the power goes at this virtual ms; with :write, during\n"
         "                       the first flash page write from then on, which it tears\n"
         "  --rtc-file <path>    RTC memory, kept across deep sleep (default: none kept)\n"
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

// "60000-120000,300000-360000"
bool parseWindows(const char* text, std::vector<Window>* out) {
  std::string all = text;
  size_t start = 0;
  while (start <= all.size()) {
    const size_t comma = all.find(',', start);
    const std::string item = all.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const size_t dash = item.find('-');
    if (dash == std::string::npos) return false;
    Window w;
    if (!parseUnsigned(item.substr(0, dash).c_str(), &w.fromMs) ||
        !parseUnsigned(item.substr(dash + 1).c_str(), &w.toMs) || w.toMs <= w.fromMs) {
      return false;
    }
    out->push_back(w);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return true;
}

}  // namespace

// "0:nack=0.05,unplug=600000-1200000;2:corrupt=0.02"
bool parseSensorFaults(const std::string& text, uint64_t seed, std::map<size_t, Faults>* out,
                       std::string* problem) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(start, end - start);
    start = end + 1;
    const size_t colon = item.find(':');
    uint64_t index = 0;
    if (colon == std::string::npos || !parseUnsigned(item.substr(0, colon).c_str(), &index)) {
      *problem = "each item is <sensor number>:key=value,...";
      return false;
    }
    Faults& faults = (*out)[static_cast<size_t>(index)];
    faults.seed = seed * 1000003ULL + index;
    const std::string pairs = item.substr(colon + 1);
    size_t p = 0;
    while (p < pairs.size()) {
      size_t q = pairs.find(',', p);
      if (q == std::string::npos) q = pairs.size();
      const std::string pair = pairs.substr(p, q - p);
      p = q + 1;
      const size_t eq = pair.find('=');
      const std::string key = pair.substr(0, eq);
      const std::string value = eq == std::string::npos ? "" : pair.substr(eq + 1);
      if (key == "nack" || key == "corrupt") {
        char* tail = 0;
        const double rate = strtod(value.c_str(), &tail);
        if (value.empty() || *tail != '\0' || rate < 0 || rate > 1) {
          *problem = key + " takes a rate from 0 to 1";
          return false;
        }
        (key == "nack" ? faults.nackRate : faults.corruptRate) = rate;
      } else if (key == "unplug" || key == "burst") {
        std::vector<Window> windows;
        if (!parseWindows(value.c_str(), &windows)) {
          *problem = key + " takes from-to in virtual ms";
          return false;
        }
        for (size_t i = 0; i < windows.size(); ++i) {
          (key == "unplug" ? faults.unplugged : faults.nackBursts).push_back(windows[i]);
        }
      } else {
        *problem = "unknown fault '" + key + "' (nack, corrupt, unplug, burst)";
        return false;
      }
    }
  }
  return true;
}

bool checkSensorFaults(const char* text, std::string* problem) {
  std::map<size_t, Faults> ignored;
  return parseSensorFaults(text, 1, &ignored, problem);
}

const Faults& sensorFaults(size_t index) {
  static std::map<size_t, Faults> parsed;
  static bool done = false;
  if (!done) {
    std::string problem;
    parseSensorFaults(options().sensorFaults, options().seed, &parsed, &problem);
    done = true;
  }
  static const Faults none;
  std::map<size_t, Faults>::const_iterator it = parsed.find(index);
  return it == parsed.end() ? none : it->second;
}

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
      if (strcmp(value, "never") == 0) {
        out->sntpDelayMs = ~static_cast<uint64_t>(0);
      } else if (!parseUnsigned(value, &out->sntpDelayMs)) {
        return fail(bad);
      }
    } else if (name == "--sender") {
      if (strcmp(value, "task") == 0) {
        out->senderTask = true;
      } else if (strcmp(value, "loop") == 0) {
        out->senderTask = false;
      } else {
        return fail(bad + " (task or loop)");
      }
    } else if (name == "--io-scale") {
      if (!parseUnsigned(value, &out->ioScale) || out->ioScale == 0 || out->ioScale > 1000) {
        return fail(bad + " (1 to 1000)");
      }
    } else if (name == "--sensor-faults") {
      std::string problem;
      if (!checkSensorFaults(value, &problem)) return fail(bad + " (" + problem + ")");
      out->sensorFaults = value;
    } else if (name == "--wifi-down") {
      if (!parseWindows(value, &out->wifiDown)) return fail(bad + " (from-to,... in virtual ms)");
    } else if (name == "--flash-file") {
      if (value[0] == '\0') return fail(bad + " (a file path)");
      out->flashFile = value;
    } else if (name == "--rtc-file") {
      if (value[0] == '\0') return fail(bad + " (a file path)");
      out->rtcFile = value;
    } else if (name == "--boot-at") {
      if (!parseUnsigned(value, &out->bootAtMs)) return fail(bad);
    } else if (name == "--power-cut-at") {
      std::string text = value;
      const std::string suffix = ":write";
      out->powerCutInWrite = text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
      if (out->powerCutInWrite) text.erase(text.size() - suffix.size());
      if (!parseUnsigned(text.c_str(), &out->powerCutAtMs)) return fail(bad + " (<ms> or <ms>:write)");
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
