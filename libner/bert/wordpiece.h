// BERT's tokenizer as HuggingFace runs it (transformers' BertTokenizer = BasicTokenizer +
// WordpieceTokenizer, and tokenizers' BertNormalizer + BertPreTokenizer + WordPiece), with offsets
// in code points of the original text as BertTokenizerFast reports them. Torch-free.
//
// The steps, in the fast tokenizer's order (bert_normalizer.rs):
//  1. clean: drop U+0000, U+FFFD and every "C*" category character (controls, format characters,
//     private use, unassigned) except TAB/CR/LF; whitespace (TAB, CR, LF, Zs, U+2028/9) becomes a space;
//  2. CJK ideographs get spaces around them, so each is a word of its own;
//  3. strip_accents (default: do_lower_case): NFD, then drop the nonspacing marks (Mn);
//  4. do_lower_case: full Unicode lower-casing;
//  5. split on whitespace, and every punctuation character (ASCII !-/ :-@ [-` {-~ and "P*") alone;
//  6. WordPiece: greedy longest match from the left, "##" before pieces that continue a word; a
//     word with no full cover, or longer than 100 characters, is one [UNK].
// Each character of the normalised text remembers the original code point it came from, so a piece
// spans [first character's origin, last character's origin + 1); removed characters are covered by
// no piece, as in the fast tokenizer.
// Not reproduced: BertTokenizer's NFC pre-composition when do_lower_case is off (the fast
// tokenizer does not do it either), Greek final-sigma context, and special tokens written in the
// text ("[CLS]" in the input is read as text).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ner::bert {

// vocab.txt: one piece a line, the id is the line index (0-based).
class Vocab {
 public:
  Vocab() = default;
  explicit Vocab(std::vector<std::string> pieces);
  static Vocab read(const std::string& path);  // ner::Error on faults

  std::size_t size() const { return pieces_.size(); }
  const std::vector<std::string>& pieces() const { return pieces_; }
  const std::string& piece(std::int32_t id) const { return pieces_.at(static_cast<std::size_t>(id)); }
  // The id of a piece, or -1. A piece listed twice takes its last line, as transformers' load_vocab does.
  std::int32_t find(const std::string& piece) const;
  // The id of a piece that must be present (the special tokens); std::invalid_argument otherwise.
  std::int32_t require(const std::string& piece) const;

 private:
  std::vector<std::string> pieces_;
  std::unordered_map<std::string, std::int32_t> ids_;
};

struct WordPieceOptions {
  bool do_lower_case = true;
  std::optional<bool> strip_accents;  // unset: follows do_lower_case
  bool tokenize_chinese_chars = true;
  std::size_t max_input_chars_per_word = 100;
  std::string unk_token = "[UNK]";
  std::string cls_token = "[CLS]";
  std::string sep_token = "[SEP]";
  std::string pad_token = "[PAD]";
};

// For model files: nlohmann::json j = options; j.get<WordPieceOptions>() (missing keys keep defaults).
void to_json(nlohmann::json& j, const WordPieceOptions& o);
void from_json(const nlohmann::json& j, WordPieceOptions& o);

struct WordPiece {
  std::string text;     // the vocabulary piece, "##" included; unk_token for unknown words
  std::int32_t id = 0;
  std::size_t start = 0;  // code points into the original text, end exclusive
  std::size_t end = 0;
};

// What the encoder reads: ids with [CLS] first and [SEP] last; offsets (0, 0) for those two.
struct BertInput {
  std::vector<std::int32_t> ids;
  std::vector<std::pair<std::size_t, std::size_t>> offsets;
  // encode_tokens only: for each input token, the position in `ids` of its first piece.
  std::vector<std::size_t> first_piece;
};

class WordPieceTokenizer {
 public:
  WordPieceTokenizer(Vocab vocab, WordPieceOptions options = {});

  const Vocab& vocab() const { return vocab_; }
  const WordPieceOptions& options() const { return options_; }
  std::int32_t unk_id() const { return unk_id_; }
  std::int32_t cls_id() const { return cls_id_; }
  std::int32_t sep_id() const { return sep_id_; }
  std::int32_t pad_id() const { return pad_id_; }

  // The pieces of `text` (valid UTF-8), without [CLS]/[SEP]: BertTokenizer.tokenize.
  std::vector<WordPiece> tokenize(std::string_view text) const;

  // [CLS] pieces [SEP] with offsets: BertTokenizerFast(text, return_offsets_mapping=True).
  BertInput encode(std::string_view text) const;

  // Character-level NER: every character of `text` except the stream format's separator spaces
  // (ASCII space and the C0 controls, TAB/CR/LF included) is one position, [CLS] and [SEP] added;
  // offsets are (i, i + 1) in code points, so the positions map back to the characters exactly.
  BertInput encode_chars(std::string_view text) const;

  // A sentence of stream tokens: each token is at least one position (its word pieces, or [UNK]
  // when it has none, e.g. U+3000); first_piece[k] is where token k starts. For one-character
  // tokens with one_position_per_token, each token is exactly one position (a token of several
  // pieces becomes [UNK]), which is what character-level labels need. Offsets are token indices
  // (k, k + 1).
  BertInput encode_tokens(const std::vector<std::string>& tokens, bool one_position_per_token) const;

  // The one piece id of a single token (char_id of a character), or unk_id(): as encode_tokens
  // with one_position_per_token.
  std::int32_t token_id(std::string_view token) const;

 private:
  struct NormChar {
    char32_t cp;
    std::uint32_t origin;  // index of the original code point
  };
  std::vector<NormChar> normalize(std::string_view text) const;
  void word_pieces(const NormChar* begin, const NormChar* end, std::vector<WordPiece>& out) const;

  Vocab vocab_;
  WordPieceOptions options_;
  bool strip_accents_ = true;
  std::int32_t unk_id_ = 0, cls_id_ = 0, sep_id_ = 0, pad_id_ = 0;
};

// BERT's character classes (tokenization_bert.py, bert_normalizer.rs), exposed for tests.
bool is_bert_whitespace(char32_t cp);
bool is_bert_control(char32_t cp);
bool is_bert_punctuation(char32_t cp);
bool is_cjk_ideograph(char32_t cp);

}  // namespace ner::bert
