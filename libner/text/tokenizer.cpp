#include "libner/text/tokenizer.h"

#include "libner/io/utf8.h"
#include "libner/text/sentence_splitter.h"
#include "libner/text/token_scanner.h"

namespace ner {

std::vector<TextToken> tokenize(std::string_view text, const TokenizerOptions& options) {
  std::vector<TextToken> tokens;
  TokenScanner scanner(text, options);
  ScannedToken t;
  while (scanner.next(t)) {
    TextToken token{std::string(), t.start, t.end};
    append_token_text(token.text, text.substr(t.byte_begin, t.byte_end - t.byte_begin), options.normalization);
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::vector<std::pair<std::size_t, std::size_t>> split_sentences(const std::vector<TextToken>& tokens,
                                                                 std::string_view text, std::size_t max_len,
                                                                 const std::vector<Span>& entities) {
  SentenceSplitOptions options;
  options.max_len = max_len;
  return split_sentences(tokens, text, options, entities);
}

std::vector<std::pair<std::size_t, std::size_t>> split_sentences(const std::vector<TextToken>& tokens,
                                                                 std::string_view text,
                                                                 const SentenceSplitOptions& options,
                                                                 const std::vector<Span>& entities) {
  const std::size_t n = tokens.size();
  // inside[i]: token i continues an entity, so no cut may fall before it.
  std::vector<int> depth(n + 1, 0);
  for (const Span& e : entities) {
    if (e.begin + 1 >= e.end || e.begin >= n) continue;
    depth[e.begin + 1] += 1;
    depth[e.end < n ? e.end : n] -= 1;
  }
  const std::vector<std::size_t> offsets = utf8::code_point_offsets(text);
  const std::size_t length = offsets.size() - 1;
  auto byte_at = [&](std::size_t cp) { return offsets[cp < length ? cp : length]; };

  SentenceSplitter splitter(options);
  int inside = 0;
  std::size_t prev_end = 0;
  for (std::size_t i = 0; i < n; ++i) {
    inside += depth[i];
    const TextToken& t = tokens[i];
    TokenBoundary b;
    const std::size_t begin = byte_at(t.start), end = byte_at(t.end);
    if (begin < end) {
      std::size_t at = begin;
      const char32_t first = utf8::decode(text, at);
      if (t.end - t.start == 1) b.cls = boundary_class(first);
      b.ascii_word = is_ascii_alnum(first);
    }
    if (i > 0) {
      for (std::size_t k = byte_at(prev_end); k < begin; ++k) {
        const char c = text[k];
        b.space_before = true;
        b.line_break_before |= c == '\n' || c == '\r' || c == '\v' || c == '\f';
      }
    }
    b.may_cut_before = inside == 0;
    splitter.push(b);
    prev_end = t.end;
  }
  splitter.finish();

  std::vector<std::pair<std::size_t, std::size_t>> pieces;
  std::size_t begin = 0;
  for (std::size_t at : splitter.cuts()) {
    pieces.emplace_back(begin, at);
    begin = at;
  }
  if (begin < n) pieces.emplace_back(begin, n);
  return pieces;
}

}  // namespace ner
