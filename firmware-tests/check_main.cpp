#include <stdio.h>

#include <exception>
#include <string>
#include <vector>

#include "check.h"

namespace check {

namespace {

struct Case {
  const char* name;
  CaseFn fn;
};

std::vector<Case>& cases() {
  static std::vector<Case> all;
  return all;
}

std::vector<std::string> gFailures;
std::vector<std::string> gContext;

}  // namespace

Registrar::Registrar(const char* name, CaseFn fn) {
  Case c = {name, fn};
  cases().push_back(c);
}

Context::Context(const std::string& text) { gContext.push_back(text); }
Context::~Context() { gContext.pop_back(); }

void fail(const char* file, int line, const std::string& message) {
  std::string where;
  for (size_t i = 0; i < gContext.size(); ++i) where += "[" + gContext[i] + "] ";
  gFailures.push_back(std::string(file) + ":" + std::to_string(line) + ": " + where + message);
}

}  // namespace check

int main(int argc, char** argv) {
  // Optional filter: run only cases whose name contains argv[1].
  const std::string filter = argc > 1 ? argv[1] : "";
  int failed = 0;
  int run = 0;
  for (size_t i = 0; i < check::cases().size(); ++i) {
    const check::Case& c = check::cases()[i];
    if (!filter.empty() && std::string(c.name).find(filter) == std::string::npos) continue;
    check::gFailures.clear();
    try {
      c.fn();
    } catch (const std::exception& e) {
      check::gFailures.push_back(std::string("uncaught exception: ") + e.what());
    }
    ++run;
    if (check::gFailures.empty()) {
      printf("PASS %s\n", c.name);
    } else {
      ++failed;
      printf("FAIL %s\n", c.name);
      // Cap the detail: a loop of failing checks must not flood the output.
      for (size_t j = 0; j < check::gFailures.size() && j < 10; ++j) {
        printf("  %s\n", check::gFailures[j].c_str());
      }
      if (check::gFailures.size() > 10) printf("  ... %zu more\n", check::gFailures.size() - 10);
    }
    // Flushed per case: if a case crashes, the lines before it are still seen.
    fflush(stdout);
  }
  printf("%d cases, %d failed\n", run, failed);
  return failed == 0 ? 0 : 1;
}
