// The Harbor counts ship and cargo ids in characters (Unicode code points,
// 1 to 100), as the generator and the local receiver do (src/harbor-ids.ts).
// These keep the firmware to the same rule, and never cut a string inside a
// UTF-8 sequence: a cut sequence is invalid UTF-8, which the Harbor refuses.
#pragma once

#include <stddef.h>

namespace harbor {

const size_t kIdMaxChars = 100;
// 100 characters of at most 4 UTF-8 bytes each, plus the NUL.
const size_t kIdMaxBytes = kIdMaxChars * 4 + 1;

// Code points in `text` (NUL-terminated, may live in HARBOR_FLASH); 0 when it
// is not valid UTF-8 (overlong forms, surrogates and values past U+10FFFF
// included).
size_t utf8Chars(const char* text);

// True when `text` is valid UTF-8 of 1 to kIdMaxChars characters.
bool isValidId(const char* text);

// Copies `text` (may live in HARBOR_FLASH) into `out` of `size` bytes, keeping
// whole characters only: at most `maxChars` of them and what fits with the
// NUL. Returns the bytes written, without the NUL.
size_t copyChars(char* out, size_t size, const char* text, size_t maxChars);

}  // namespace harbor
