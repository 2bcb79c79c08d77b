// Character normalisation that never moves offsets. ner-tokenize emits one token per character of
// the original text, so a normal form is computed for each character alone and the token keeps the
// original character's offsets, whatever its normal form is. Like sentencepiece's normalizer
// (normalizer.cc), normalize() also returns an alignment from normalised bytes to the original.
//
// The rule for forms that cannot be a token: when the normal form of a character is empty or holds
// a separator space (NFKC maps U+3000 and U+00A0 to U+0020, U+00A8 to " \u0308"), the character is
// kept as it is, so that every original character still gives exactly one non-empty token.
// Separator spaces themselves (ASCII space, TAB, CR, LF, other C0 controls) are never changed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "libner/text/tokenizer.h"

namespace ner {

// Parses "none", "nfkc" or "halfwidth"; throws ner::UsageError otherwise.
Normalization parse_normalization(std::string_view name);
const char* normalization_name(Normalization form);

// Appends the normal form of one character to `out` (the character itself when the form is None,
// when the character has no other form, or when its form cannot be a token; see above).
void append_normalized(std::string& out, char32_t cp, Normalization form);

// Whether a character may have a normal form other than itself (false for ASCII and the common
// CJK ideographs, which lets callers skip the work for almost all of a Chinese text).
inline bool may_change(char32_t cp) { return cp >= 0x80 && !(cp >= 0x4E00 && cp <= 0x9FFF); }

struct NormalizedText {
  std::string text;
  // For each byte of `text`, the index (in code points) of the original character it came from.
  std::vector<std::size_t> alignment;
};

// Normalises a whole text character by character (valid UTF-8 assumed).
NormalizedText normalize(std::string_view text, Normalization form);

}  // namespace ner
