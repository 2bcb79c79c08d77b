// Raw text to tokens with exact offsets: one token per CJK character (and, by default, per ASCII
// letter or digit, as character-level Chinese NER does). Whitespace that cannot be a token of the
// stream format (ASCII space, TAB, CR, LF and other C0 controls) makes no token; every other
// character does, U+3000 and U+00A0 included. Offsets always point into the original text, in
// code points, even when the token text is normalised.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "libner/scheme/scheme.h"
#include "libner/text/sentence_splitter.h"

namespace ner {

struct TextToken {
  std::string text;    // as emitted (normalised when asked)
  std::size_t start;   // code points into the original text, end exclusive
  std::size_t end;
};

enum class Normalization { None, NFKC, HalfWidth };

struct TokenizerOptions {
  bool group_ascii = false;  // keep runs of ASCII letters and digits whole
  Normalization normalization = Normalization::None;
};

// Whether a code point cannot be a token in the stream format (it would split a line or a column).
bool is_separator_space(char32_t cp);

std::vector<TextToken> tokenize(std::string_view text, const TokenizerOptions& options = {});

// Cuts a sentence of tokens into pieces: first after 。！？； and line breaks (a line break between
// two tokens in `text` counts), then, where a piece is still longer than `max_len` tokens, after
// ，、 and finally anywhere; never inside an entity of `entities` (token spans) unless an entity is
// itself longer than max_len. Returns [begin, end) token ranges covering all tokens in order.
// max_len 0 splits only at the strong boundaries.
std::vector<std::pair<std::size_t, std::size_t>> split_sentences(const std::vector<TextToken>& tokens,
                                                                 std::string_view text, std::size_t max_len,
                                                                 const std::vector<Span>& entities = {});

// The same with every choice of sentence_splitter.h: no cuts at punctuation, packing pieces again.
std::vector<std::pair<std::size_t, std::size_t>> split_sentences(const std::vector<TextToken>& tokens,
                                                                 std::string_view text,
                                                                 const SentenceSplitOptions& options,
                                                                 const std::vector<Span>& entities = {});

}  // namespace ner
