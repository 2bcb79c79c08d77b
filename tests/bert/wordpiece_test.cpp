#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "libner/bert/wordpiece.h"

using ner::bert::Vocab;
using ner::bert::WordPieceOptions;
using ner::bert::WordPieceTokenizer;

namespace {

Vocab small_vocab() {
  return Vocab({"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "aff", "able", "病", "人",
                ",", "cafe", "a", "##a", "aa", "##aa", "x", "e", "i", "##\u0307", "^", "5", "##cm", "\u00e9"});
}

using Piece = std::tuple<std::string, std::size_t, std::size_t>;

std::vector<Piece> pieces(const WordPieceTokenizer& t, const std::string& text) {
  std::vector<Piece> out;
  for (const auto& p : t.tokenize(text)) {
    CHECK(p.id == t.vocab().find(p.text));
    out.emplace_back(p.text, p.start, p.end);
  }
  return out;
}

WordPieceOptions cased() {
  WordPieceOptions o;
  o.do_lower_case = false;
  return o;
}

}  // namespace

TEST_CASE("wordpiece: greedy longest match with ## pieces and offsets", "[bert][wordpiece]") {
  WordPieceTokenizer t(small_vocab());
  CHECK(pieces(t, "unaffable") == std::vector<Piece>{{"un", 0, 2}, {"##aff", 2, 5}, {"##able", 5, 9}});
  CHECK(pieces(t, "aaaaa") == std::vector<Piece>{{"aa", 0, 2}, {"##aa", 2, 4}, {"##a", 4, 5}});
  // A word without a full cover is one [UNK] over the whole word.
  CHECK(pieces(t, "unaffablez x") == std::vector<Piece>{{"[UNK]", 0, 10}, {"x", 11, 12}});
  CHECK(pieces(t, "5cm") == std::vector<Piece>{{"5", 0, 1}, {"##cm", 1, 3}});
}

TEST_CASE("wordpiece: words over 100 characters are [UNK]", "[bert][wordpiece]") {
  WordPieceTokenizer t(small_vocab());
  CHECK(t.tokenize(std::string(100, 'a')).size() == 50);
  CHECK(pieces(t, std::string(101, 'a')) == std::vector<Piece>{{"[UNK]", 0, 101}});
  WordPieceOptions o;
  o.max_input_chars_per_word = 4;
  CHECK(pieces(WordPieceTokenizer(small_vocab(), o), "aaaaa") == std::vector<Piece>{{"[UNK]", 0, 5}});
}

TEST_CASE("wordpiece: cleaning, CJK spacing, punctuation and whitespace", "[bert][wordpiece]") {
  WordPieceTokenizer t(small_vocab());
  // Controls, NUL, U+FFFD, format and private-use characters vanish; offsets stay on the original.
  CHECK(pieces(t, "病\x01人\u200b\ue236x\ufffd") == std::vector<Piece>{{"病", 0, 1}, {"人", 2, 3}, {"x", 5, 6}});
  // CJK ideographs are words of their own even without spaces; U+3000 and TAB separate.
  CHECK(pieces(t, "x病x\u3000x\tx") ==
        std::vector<Piece>{{"x", 0, 1}, {"病", 1, 2}, {"x", 2, 3}, {"x", 4, 5}, {"x", 6, 7}});
  // Punctuation stands alone; ASCII ^ is punctuation for BERT although Unicode calls it a symbol.
  CHECK(pieces(t, "x,x^^") == std::vector<Piece>{{"x", 0, 1}, {",", 1, 2}, {"x", 2, 3}, {"^", 3, 4}, {"^", 4, 5}});
  CHECK(pieces(t, " \t\n ").empty());
  CHECK(pieces(t, "").empty());
}

TEST_CASE("wordpiece: lower-casing strips accents through NFD", "[bert][wordpiece]") {
  WordPieceTokenizer lower(small_vocab());
  CHECK(pieces(lower, "CAFÉ") == std::vector<Piece>{{"cafe", 0, 4}});
  // A decomposed accent is removed; the piece ends at the base letter it followed.
  CHECK(pieces(lower, "cafe\u0301 x") == std::vector<Piece>{{"cafe", 0, 4}, {"x", 6, 7}});
  CHECK(pieces(lower, "UnAffABLE") == std::vector<Piece>{{"un", 0, 2}, {"##aff", 2, 5}, {"##able", 5, 9}});
  // Without lower-casing nothing is stripped: É stays É (unknown), é stays é.
  WordPieceTokenizer keep(small_vocab(), cased());
  CHECK(pieces(keep, "CAFÉ unaffable \u00e9") ==
        std::vector<Piece>{{"[UNK]", 0, 4}, {"un", 5, 7}, {"##aff", 7, 10}, {"##able", 10, 14}, {"\u00e9", 15, 16}});
  // Lower-casing with strip_accents=false keeps é; İ lower-cases to i + U+0307, both from one character.
  WordPieceOptions o;
  o.strip_accents = false;
  WordPieceTokenizer accents(small_vocab(), o);
  CHECK(pieces(accents, "\u00c9") == std::vector<Piece>{{"\u00e9", 0, 1}});
  CHECK(pieces(accents, "\u0130") == std::vector<Piece>{{"i", 0, 1}, {"##\u0307", 0, 1}});
  CHECK(pieces(lower, "\u0130") == std::vector<Piece>{{"i", 0, 1}});
}

TEST_CASE("wordpiece: encode adds [CLS] and [SEP]", "[bert][wordpiece]") {
  WordPieceTokenizer t(small_vocab());
  const auto in = t.encode("病人");
  CHECK(in.ids == std::vector<std::int32_t>{2, 10, 11, 3});
  CHECK(in.offsets == std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}, {0, 1}, {1, 2}, {0, 0}});
  CHECK(t.encode("").ids == std::vector<std::int32_t>{2, 3});
  CHECK(t.cls_id() == 2);
  CHECK(t.sep_id() == 3);
  CHECK(t.pad_id() == 0);
  CHECK(t.unk_id() == 1);
}

TEST_CASE("wordpiece: character mode gives one position per character", "[bert][wordpiece]") {
  WordPieceTokenizer t(small_vocab());
  // Spaces and TABs take no position but keep their offsets; U+3000 and unknown characters are [UNK].
  const auto in = t.encode_chars("病 人\u3000X\t\u00c9z,");
  CHECK(in.ids == std::vector<std::int32_t>{2, 10, 11, 1, 18, 19, 1, 12, 3});
  CHECK(in.offsets == std::vector<std::pair<std::size_t, std::size_t>>{
                          {0, 0}, {0, 1}, {2, 3}, {3, 4}, {4, 5}, {6, 7}, {7, 8}, {8, 9}, {0, 0}});
  CHECK(t.token_id("病") == 10);
  CHECK(t.token_id("\ue236") == t.unk_id());
  CHECK(t.token_id("unaffable") == t.unk_id());  // several pieces are not one position
  WordPieceTokenizer keep(small_vocab(), cased());
  CHECK(keep.token_id("X") == keep.unk_id());
}

TEST_CASE("wordpiece: stream tokens map to their first piece", "[bert][wordpiece]") {
  WordPieceTokenizer t(small_vocab());
  const std::vector<std::string> tokens = {"病", "unaffable", "\u3000", "x"};
  const auto words = t.encode_tokens(tokens, false);
  CHECK(words.ids == std::vector<std::int32_t>{2, 10, 5, 6, 7, 1, 18, 3});
  CHECK(words.first_piece == std::vector<std::size_t>{1, 2, 5, 6});
  CHECK(words.offsets[3] == std::pair<std::size_t, std::size_t>{1, 2});
  const auto chars = t.encode_tokens(tokens, true);
  CHECK(chars.ids == std::vector<std::int32_t>{2, 10, 1, 1, 18, 3});
  CHECK(chars.first_piece == std::vector<std::size_t>{1, 2, 3, 4});
}

TEST_CASE("wordpiece: vocabularies and character classes", "[bert][wordpiece]") {
  const Vocab v({"[PAD]", "a", "a"});
  CHECK(v.find("a") == 2);  // the last of duplicates, as transformers' load_vocab
  CHECK(v.find("b") == -1);
  CHECK_THROWS_AS(WordPieceTokenizer(v), std::invalid_argument);  // no [UNK]
  CHECK(ner::bert::is_bert_punctuation(U'^'));
  CHECK(ner::bert::is_bert_punctuation(U'\uff0c'));  // ，
  CHECK(ner::bert::is_bert_punctuation(U'\u201c'));  // “
  CHECK_FALSE(ner::bert::is_bert_punctuation(U'\u00d7'));  // × is a math symbol
  CHECK(ner::bert::is_bert_control(U'\ue236'));
  CHECK_FALSE(ner::bert::is_bert_control(U'\t'));
  CHECK(ner::bert::is_bert_whitespace(U'\u3000'));
  CHECK(ner::bert::is_bert_whitespace(U'\u00a0'));
  CHECK(ner::bert::is_cjk_ideograph(U'\U00020BB7'));  // 𠮷
  CHECK_FALSE(ner::bert::is_cjk_ideograph(U'\u306e'));  // の
}

TEST_CASE("wordpiece: options round-trip through JSON", "[bert][wordpiece]") {
  WordPieceOptions o;
  o.do_lower_case = false;
  o.strip_accents = true;
  o.max_input_chars_per_word = 7;
  o.unk_token = "<unk>";
  const nlohmann::json j = o;
  const auto back = j.get<WordPieceOptions>();
  CHECK(back.do_lower_case == false);
  CHECK(back.strip_accents == std::optional<bool>(true));
  CHECK(back.max_input_chars_per_word == 7);
  CHECK(back.unk_token == "<unk>");
  CHECK(nlohmann::json(back) == j);
  const auto defaults = nlohmann::json::object().get<WordPieceOptions>();
  CHECK(defaults.do_lower_case);
  CHECK_FALSE(defaults.strip_accents.has_value());
}
