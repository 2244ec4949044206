// Reads back the batch bodies the runtime wrote, so tests can assert on
// readings rather than on bytes. Strict about the shape it expects: anything
// else is reported as a parse failure by the caller's checks.
#pragma once

#include <stdlib.h>

#include <string>
#include <vector>

struct Reading {
  std::string shipId;
  std::string cargoId;
  double value;
  std::string time;  // "" when absent
};

// Parses `[{"ship_id":"…","cargo_id":"…","value":…(,"time":"…")?},…]`; ids are
// returned still escaped. `ok` is false on any deviation.
inline std::vector<Reading> parseBody(const std::string& body, bool* ok) {
  std::vector<Reading> out;
  *ok = false;
  size_t i = 0;
  if (body.empty() || body[i] != '[') return out;
  ++i;
  struct Local {
    static bool expect(const std::string& s, size_t* i, const char* lit) {
      const std::string l(lit);
      if (s.compare(*i, l.size(), l) != 0) return false;
      *i += l.size();
      return true;
    }
    static bool str(const std::string& s, size_t* i, std::string* v) {
      if (*i >= s.size() || s[*i] != '"') return false;
      size_t j = *i + 1;
      while (j < s.size() && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
      if (j >= s.size()) return false;
      *v = s.substr(*i + 1, j - *i - 1);
      *i = j + 1;
      return true;
    }
  };
  while (i < body.size()) {
    Reading r;
    if (!Local::expect(body, &i, "{\"ship_id\":") || !Local::str(body, &i, &r.shipId)) return out;
    if (!Local::expect(body, &i, ",\"cargo_id\":") || !Local::str(body, &i, &r.cargoId)) return out;
    if (!Local::expect(body, &i, ",\"value\":")) return out;
    const char* start = body.c_str() + i;
    char* end = 0;
    r.value = strtod(start, &end);
    if (end == start) return out;
    i += static_cast<size_t>(end - start);
    if (Local::expect(body, &i, ",\"time\":")) {
      if (!Local::str(body, &i, &r.time)) return out;
    }
    if (!Local::expect(body, &i, "}")) return out;
    out.push_back(r);
    if (Local::expect(body, &i, "]")) {
      *ok = i == body.size();
      return out;
    }
    if (!Local::expect(body, &i, ",")) return out;
  }
  return out;
}
