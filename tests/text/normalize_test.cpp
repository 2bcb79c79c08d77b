#include <catch2/catch.hpp>

#include <string>

#include "libner/io/error.h"
#include "libner/io/utf8.h"
#include "libner/text/normalize.h"

namespace {

std::string form_of(const std::string& character, ner::Normalization form) {
  std::size_t i = 0;
  const char32_t cp = ner::utf8::decode(character, i);
  REQUIRE(i == character.size());
  std::string out;
  ner::append_normalized(out, cp, form);
  return out;
}

const auto NFKC = ner::Normalization::NFKC;
const auto Half = ner::Normalization::HalfWidth;
const auto None = ner::Normalization::None;

}  // namespace

TEST_CASE("full-width forms become half-width", "[text][normalize]") {
  CHECK(form_of("Ａ", Half) == "A");
  CHECK(form_of("ｚ", Half) == "z");
  CHECK(form_of("０", Half) == "0");
  CHECK(form_of("！", Half) == "!");
  CHECK(form_of("（", Half) == "(");
  CHECK(form_of("～", Half) == "~");
  CHECK(form_of("￥", Half) == "\xC2\xA5");
  // Only the full-width block: other compatibility forms stay.
  CHECK(form_of("㎎", Half) == "㎎");
  CHECK(form_of("①", Half) == "①");
  CHECK(form_of("。", Half) == "。");
  CHECK(form_of("中", Half) == "中");
}

TEST_CASE("NFKC of one character", "[text][normalize]") {
  CHECK(form_of("Ａ", NFKC) == "A");
  CHECK(form_of("㎎", NFKC) == "mg");
  CHECK(form_of("①", NFKC) == "1");
  CHECK(form_of("\xEF\xAC\x81", NFKC) == "fi");                 // ﬁ ligature
  CHECK(form_of("\xE2\x84\xAB", NFKC) == "\xC3\x85");           // Å ANGSTROM SIGN → Å (recomposed)
  CHECK(form_of("\xEF\xA4\x80", NFKC) == "\xE8\xB1\x88");       // U+F900 compatibility ideograph → 豈
  CHECK(form_of("\xEF\xBD\xB1", NFKC) == "\xE3\x82\xA2");       // half-width katakana ｱ → ア
  CHECK(form_of("中", NFKC) == "中");
  CHECK(form_of("a", NFKC) == "a");
  CHECK(form_of("\xF0\x9F\x98\x80", NFKC) == "\xF0\x9F\x98\x80");  // emoji: no other form
  CHECK(form_of("\xEE\x88\xB6", NFKC) == "\xEE\x88\xB6");          // private use U+E236 stays
}

TEST_CASE("a form that cannot be a token keeps the original character", "[text][normalize]") {
  // NFKC maps these to U+0020 (or a string holding it), which the stream format cannot hold.
  CHECK(form_of("\xE3\x80\x80", NFKC) == "\xE3\x80\x80");  // U+3000
  CHECK(form_of("\xC2\xA0", NFKC) == "\xC2\xA0");          // U+00A0
  CHECK(form_of("\xE2\x80\x83", NFKC) == "\xE2\x80\x83");  // U+2003 EM SPACE
  CHECK(form_of("\xC2\xA8", NFKC) == "\xC2\xA8");          // U+00A8 → " \u0308"
  CHECK(form_of("\xE3\x80\x80", Half) == "\xE3\x80\x80");
  // Separators themselves never change.
  CHECK(form_of(" ", NFKC) == " ");
  CHECK(form_of("\t", Half) == "\t");
}

TEST_CASE("normalize() aligns every byte with its original character", "[text][normalize]") {
  const std::string text = "ＣＴ示\xE3\x80\x80５㎎ a";
  const auto n = ner::normalize(text, NFKC);
  CHECK(n.text == "CT示\xE3\x80\x80" "5mg a");
  REQUIRE(n.alignment.size() == n.text.size());
  CHECK(n.alignment == std::vector<std::size_t>{0, 1, 2, 2, 2, 3, 3, 3, 4, 5, 5, 6, 7});
  const auto same = ner::normalize(text, None);
  CHECK(same.text == text);
  CHECK(same.alignment.back() == 7);
}

TEST_CASE("normalisation names", "[text][normalize]") {
  CHECK(ner::parse_normalization("nfkc") == NFKC);
  CHECK(ner::parse_normalization("halfwidth") == Half);
  CHECK(ner::parse_normalization("none") == None);
  CHECK_THROWS_AS(ner::parse_normalization("nfc"), ner::UsageError);
  CHECK(std::string(ner::normalization_name(Half)) == "halfwidth");
}
