// The tokenizer and the sentence splitter of ner-tokenize (tokenizer.h, sentence_splitter.h), held
// to their promises: tokens in order with offsets inside the text, every character that can be a
// token in exactly one token, the text of a token its original characters unless normalised;
// sentence pieces cover the tokens in order, are at most max_len long and never cut an entity,
// except where an entity that begins the piece is itself longer. With bit 7 the input also goes
// through ner-tokenize's whole path (ner::RawReader, ner::tokenize_stream) in one of its layouts.
//
// Choices (the input's last byte):
//   bit 0     --group-ascii
//   bits 1-2  normalisation: none, NFKC, half-width, none (with bit 7: the layout lines, whole
//             file, JSON lines, lines)
//   bits 3-5  --max-len: 0 1 2 3 5 8 16 512
//   bit 6     no cuts at punctuation and line breaks, pieces packed again
//   bit 7     the whole ner-tokenize path as well
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "libner/io/output.h"
#include "libner/text/tokenize_stream.h"
#include "libner/text/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  const fuzz::Input in(data, size);

  if (in.bit(7)) {
    TokenizeStreamOptions options;
    static const RawLayout layouts[] = {RawLayout::Lines, RawLayout::WholeFile, RawLayout::JsonLines, RawLayout::Lines};
    options.input.layout = layouts[in.bits(1, 2)];
    options.tokenizer.group_ascii = in.bit(0);
    static const std::size_t lens[] = {0, 1, 2, 3, 5, 8, 16, 512};
    options.split.max_len = lens[in.bits(3, 3)];
    options.split.pack = in.bit(6);
    const std::string path = fuzz::write_file("raw.txt", in.text);
    fuzz::expect_errors_only([&] {
      OutputFile out("/dev/null");
      tokenize_stream({path}, out, options);
      out.commit();
    });
  }

  if (!in.valid_utf8()) return 0;  // the readers check UTF-8 before anything is tokenised
  const std::string_view text = in.text;
  TokenizerOptions options;
  options.group_ascii = in.bit(0);
  static const Normalization norms[] = {Normalization::None, Normalization::NFKC, Normalization::HalfWidth,
                                        Normalization::None};
  options.normalization = norms[in.bits(1, 2)];

  std::vector<TextToken> tokens;
  fuzz::expect_errors_only([&] { tokens = tokenize(text, options); });

  // Every code point of the text: in one token, or a separator between tokens.
  std::vector<char32_t> cps;
  for (std::size_t i = 0; i < text.size();) cps.push_back(utf8::decode(text, i));
  const auto offsets = utf8::code_point_offsets(text);
  std::size_t covered = 0;
  for (const TextToken& t : tokens) {
    NER_FUZZ_CHECK(t.start < t.end && t.end <= cps.size());
    NER_FUZZ_CHECK(t.start >= covered);
    for (std::size_t k = covered; k < t.start; ++k) NER_FUZZ_CHECK(is_separator_space(cps[k]));
    for (std::size_t k = t.start; k < t.end; ++k) NER_FUZZ_CHECK(!is_separator_space(cps[k]));
    NER_FUZZ_CHECK(!t.text.empty());
    // A token must be able to stand in a column of the stream.
    for (char c : t.text) NER_FUZZ_CHECK(c != '\t' && c != '\n' && c != ' ' && c != '\r');
    if (options.normalization == Normalization::None)
      NER_FUZZ_CHECK(t.text == text.substr(offsets[t.start], offsets[t.end] - offsets[t.start]));
    if (!options.group_ascii) NER_FUZZ_CHECK(t.end - t.start == 1);
    covered = t.end;
  }
  for (std::size_t k = covered; k < cps.size(); ++k) NER_FUZZ_CHECK(is_separator_space(cps[k]));

  // Entities of 1 to 4 tokens, two tokens apart.
  std::vector<Span> entities;
  for (std::size_t i = 0; i < tokens.size();) {
    const std::size_t end = std::min(tokens.size(), i + 1 + (i * 7 + in.choice) % 4);
    entities.push_back({i, end, "X"});
    i = end + 2;
  }
  SentenceSplitOptions split;
  static const std::size_t lens[] = {0, 1, 2, 3, 5, 8, 16, 512};
  split.max_len = lens[in.bits(3, 3)];
  split.at_punctuation = !in.bit(6);
  split.at_line_breaks = !in.bit(6);
  split.pack = in.bit(6);
  std::vector<std::pair<std::size_t, std::size_t>> pieces;
  fuzz::expect_errors_only([&] { pieces = split_sentences(tokens, text, split, entities); });

  std::vector<int> inside(tokens.size() + 1, 0);  // inside[i]: a cut before token i splits an entity
  std::vector<std::size_t> starting(tokens.size() + 1, 0);  // length of the entity starting at i
  for (const Span& e : entities) {
    for (std::size_t i = e.begin + 1; i < e.end; ++i) inside[i] = 1;
    starting[e.begin] = e.end - e.begin;
  }
  std::size_t next = 0;
  for (const auto& [b, e] : pieces) {
    NER_FUZZ_CHECK(b == next && b < e && e <= tokens.size());
    NER_FUZZ_CHECK(!inside[b]);
    if (split.max_len > 0 && e - b > split.max_len) NER_FUZZ_CHECK(starting[b] > split.max_len);
    next = e;
  }
  NER_FUZZ_CHECK(next == tokens.size());
  return 0;
}
