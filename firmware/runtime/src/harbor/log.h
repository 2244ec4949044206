// The runtime's serial lines. The format may be a HARBOR_TEXT literal (in
// flash on the ESP8266), and so may its %s arguments; the line is formatted
// into a stack buffer and handed to platform::log, which takes RAM strings.
#pragma once

namespace harbor {

// Longer lines are cut (on a character boundary: the formats are ASCII, and
// ids are cut to 30 characters before they are printed).
const unsigned kLogLineBytes = 240;

#if defined(HARBOR_PLATFORM_ESP8266)
// No format attribute: gcc cannot see a PSTR literal, so the host build checks the formats.
void logText(const char* format, ...);
#else
void logText(const char* format, ...) __attribute__((format(printf, 1, 2)));
#endif

}  // namespace harbor
