#include "libner/text/token_scanner.h"

#include "libner/io/utf8.h"
#include "libner/text/normalize.h"

namespace ner {

namespace {

bool is_line_break(char32_t cp) { return cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f'; }

}  // namespace

bool is_separator_space(char32_t cp) { return cp <= 0x20; }

bool TokenScanner::joins_ascii_word(char32_t cp) {
  if (is_ascii_alnum(cp)) return true;
  if (options_.normalization == Normalization::None || !may_change(cp)) return false;
  // Ｃ Ｔ and ㎎ join a word when their normal form does (ＣＴ → CT, 5㎎ → 5mg).
  scratch_.clear();
  append_normalized(scratch_, cp, options_.normalization);
  for (char c : scratch_)
    if (!is_ascii_alnum(static_cast<unsigned char>(c))) return false;
  return true;
}

bool TokenScanner::next(ScannedToken& token) {
  const std::size_t n = text_.size();
  token.space_before = token.line_break_before = false;
  // Skip separator characters (all ASCII: one byte, one code point each).
  while (byte_ < n && static_cast<unsigned char>(text_[byte_]) <= 0x20) {
    token.space_before = true;
    token.line_break_before |= is_line_break(static_cast<unsigned char>(text_[byte_]));
    ++byte_;
    ++index_;
  }
  if (byte_ >= n) return false;
  token.byte_begin = byte_;
  token.start = index_;
  const char32_t first = utf8::decode(text_, byte_);
  ++index_;
  token.first = first;
  if (options_.group_ascii && joins_ascii_word(first)) {
    while (byte_ < n) {
      std::size_t next = byte_;
      const char32_t cp = utf8::decode(text_, next);
      if (!joins_ascii_word(cp)) break;
      byte_ = next;
      ++index_;
    }
  }
  token.byte_end = byte_;
  token.end = index_;
  return true;
}

void append_token_text(std::string& out, std::string_view original, Normalization form) {
  if (form == Normalization::None) {
    out.append(original);
    return;
  }
  for (std::size_t i = 0; i < original.size();) {
    const std::size_t at = i;
    const char32_t cp = utf8::decode(original, i);
    if (may_change(cp)) append_normalized(out, cp, form);
    else out.append(original.substr(at, i - at));
  }
}

}  // namespace ner
