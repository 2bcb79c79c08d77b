// The tokenizer's inner loop: walks a text once and yields its tokens as positions (bytes and code
// points) without copying anything, so that ner-tokenize can split and write a document of any
// length without holding its tokens. tokenize() (tokenizer.h) is the convenient form.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "libner/text/sentence_splitter.h"
#include "libner/text/tokenizer.h"

namespace ner {

struct ScannedToken {
  std::size_t byte_begin = 0, byte_end = 0;  // in the text
  std::size_t start = 0, end = 0;            // in code points, end exclusive
  // The gap between this token and the one before (or the start of the text).
  bool space_before = false;
  bool line_break_before = false;
  char32_t first = 0;  // its first character, for the sentence splitter
};

class TokenScanner {
 public:
  TokenScanner(std::string_view text, const TokenizerOptions& options) : text_(text), options_(options) {}

  bool next(ScannedToken& token);

 private:
  bool joins_ascii_word(char32_t cp);  // with --group-ascii: an ASCII letter or digit, maybe normalised

  std::string_view text_;
  TokenizerOptions options_;
  std::size_t byte_ = 0;
  std::size_t index_ = 0;  // code points before byte_
  std::string scratch_;
};

inline bool is_ascii_alnum(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

// The text of a token as emitted: the original bytes, or their normal form (normalize.h).
void append_token_text(std::string& out, std::string_view original, Normalization form);

// What the sentence splitter needs of a scanned token.
inline TokenBoundary boundary_of(const ScannedToken& t) {
  TokenBoundary b;
  b.cls = t.end - t.start == 1 ? boundary_class(t.first) : BoundaryClass::Other;
  b.space_before = t.space_before;
  b.line_break_before = t.line_break_before;
  b.ascii_word = is_ascii_alnum(t.first);
  return b;
}

}  // namespace ner
