// BERT's WordPiece tokenizer (libner/bert/wordpiece.h, torch-free): the normaliser (controls,
// whitespace, CJK spacing, accents, lower case), the greedy longest match, and the three encoders,
// held to their promises: pieces in order with offsets inside the text, ids in the vocabulary,
// [CLS] first and [SEP] last, one position per character or token where they say so.
// The input is a vocabulary (vocab.txt, read by Vocab::read; the special tokens are added), a NUL
// byte and the text; without a NUL the text is the whole input and the vocabulary a small one.
//
// Choices (the input's last byte):
//   bit 0     do_lower_case
//   bits 1-2  strip_accents: unset (follows do_lower_case), off, on, unset
//   bit 3     tokenize_chinese_chars off
//   bit 4     max_input_chars_per_word 4 (else 100)
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "libner/bert/wordpiece.h"
#include "libner/text/tokenizer.h"

namespace {

const std::vector<std::string> kSpecial = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
const std::vector<std::string> kSmall = {"患", "者", "头", "痛", "the", "##s", "##ing", "walk", "un", "##aff",
                                         "##able", "a", "##b", "##c", "é", "e", "i", ",", "。", "1", "##0"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  using namespace ner::bert;
  const fuzz::Input in(data, size);
  auto [vocab_text, text] = in.split_at_nul();
  std::vector<std::string> pieces;
  if (text.data() == nullptr || vocab_text.size() == in.text.size()) {
    text = in.text;
    pieces = kSmall;
  } else {
    try {
      pieces = Vocab::read(fuzz::write_file("vocab.txt", vocab_text)).pieces();
    } catch (const ner::Error&) {
      pieces = kSmall;
    }
  }
  if (utf8::find_invalid(text) != std::string_view::npos) return 0;  // callers give valid UTF-8
  pieces.insert(pieces.end(), kSpecial.begin(), kSpecial.end());

  WordPieceOptions options;
  options.do_lower_case = in.bit(0);
  if (in.bits(1, 2) == 1) options.strip_accents = false;
  if (in.bits(1, 2) == 2) options.strip_accents = true;
  options.tokenize_chinese_chars = !in.bit(3);
  options.max_input_chars_per_word = in.bit(4) ? 4 : 100;
  const WordPieceTokenizer tokenizer(Vocab(pieces), options);
  const std::size_t vocab_size = tokenizer.vocab().size();
  const std::size_t length = utf8::length(text);

  std::size_t last_start = 0;
  for (const WordPiece& p : tokenizer.tokenize(text)) {
    NER_FUZZ_CHECK(p.id >= 0 && static_cast<std::size_t>(p.id) < vocab_size);
    NER_FUZZ_CHECK(p.start < p.end && p.end <= length && p.start >= last_start);
    NER_FUZZ_CHECK(p.id == tokenizer.unk_id() || tokenizer.vocab().piece(p.id) == p.text);
    last_start = p.start;
  }

  const BertInput encoded = tokenizer.encode(text);
  NER_FUZZ_CHECK(encoded.ids.size() >= 2 && encoded.ids.size() == encoded.offsets.size());
  NER_FUZZ_CHECK(encoded.ids.front() == tokenizer.cls_id() && encoded.ids.back() == tokenizer.sep_id());

  const BertInput chars = tokenizer.encode_chars(text);
  std::size_t positions = 0;
  for (std::size_t i = 0; i < text.size();) positions += utf8::decode(text, i) > 0x20;
  NER_FUZZ_CHECK(chars.ids.size() == positions + 2 && chars.offsets.size() == positions + 2);
  for (std::size_t k = 1; k + 1 < chars.offsets.size(); ++k) {
    NER_FUZZ_CHECK(chars.offsets[k].second == chars.offsets[k].first + 1 && chars.offsets[k].second <= length);
    NER_FUZZ_CHECK(chars.ids[k] >= 0 && static_cast<std::size_t>(chars.ids[k]) < vocab_size);
  }

  std::vector<std::string> tokens;
  for (auto& t : tokenize(text, TokenizerOptions{true, Normalization::None})) tokens.push_back(std::move(t.text));
  for (bool one : {false, true}) {
    const BertInput t = tokenizer.encode_tokens(tokens, one);
    NER_FUZZ_CHECK(t.first_piece.size() == tokens.size() && t.ids.size() == t.offsets.size());
    if (one) NER_FUZZ_CHECK(t.ids.size() == tokens.size() + 2);
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      NER_FUZZ_CHECK(t.first_piece[k] >= 1 + k && t.first_piece[k] + 1 < t.ids.size());
      if (k > 0) NER_FUZZ_CHECK(t.first_piece[k] > t.first_piece[k - 1]);
    }
  }
  return 0;
}
