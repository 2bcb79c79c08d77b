// UTF-8 helpers. The suite is UTF-8 only and counts offsets in code points of the original text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ner::utf8 {

// Index of the first byte of the first invalid sequence (overlong forms, surrogates and code
// points above U+10FFFF are invalid), or npos when `s` is valid UTF-8.
std::size_t find_invalid(std::string_view s);

// Decodes one code point starting at s[i] (valid UTF-8 assumed) and advances i past it.
char32_t decode(std::string_view s, std::size_t& i);

// Appends the UTF-8 encoding of `cp`.
void append(std::string& out, char32_t cp);

// Byte offset of each code point, plus s.size() at the end: offsets[k] is where code point k
// starts, so the code points [a, b) are s.substr(offsets[a], offsets[b] - offsets[a]).
std::vector<std::size_t> code_point_offsets(std::string_view s);

std::size_t length(std::string_view s);  // in code points

}  // namespace ner::utf8
