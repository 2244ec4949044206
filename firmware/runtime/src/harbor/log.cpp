#include "harbor/log.h"

#include <stdarg.h>
#include <stdio.h>

#include "harbor/platform.h"

namespace harbor {

void logText(const char* format, ...) {
  char line[kLogLineBytes];
  va_list args;
  va_start(args, format);
  vsnprintf(line, sizeof line, format, args);
  va_end(args);
  platform::log(line);
}

}  // namespace harbor
