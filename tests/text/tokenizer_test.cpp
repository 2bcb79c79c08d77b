#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "libner/io/utf8.h"
#include "libner/text/tokenizer.h"

namespace {

// The code points [start, end) of `text`, as bytes.
std::string substring(const std::string& text, std::size_t start, std::size_t end) {
  const auto offsets = ner::utf8::code_point_offsets(text);
  return text.substr(offsets[start], offsets[end] - offsets[start]);
}

std::vector<std::string> texts(const std::vector<ner::TextToken>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t.text);
  return out;
}

// A random text of characters that trip tokenizers: CJK, ASCII words and digits, emoji (4-byte
// UTF-8), a ZWJ sequence, U+3000, U+00A0, private use, ASCII spaces, TAB, CR LF, full-width forms.
std::string random_text(std::mt19937& rng, std::size_t pieces) {
  static const std::vector<std::string> alphabet = {
      "患", "者", "腹", "痛", "。", "，", "、", "a", "B", "z", "0", "7", "CT", "mg", " ", "  ", "\t",
      "\r\n", "\n", "\xE3\x80\x80" /* U+3000 */, "\xC2\xA0" /* U+00A0 */, "\xEE\x88\xB6" /* U+E236 */,
      "\xF0\x9F\x98\x80" /* 😀 */, "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9" /* 👨‍👩 */, "Ｃ", "Ｔ",
      "１", "（", "）", "！", "e\xCC\x81" /* e + combining acute */, "\xE3\x8E\x8E" /* ㎎ */, "-", "."};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string text;
  for (std::size_t i = 0; i < pieces; ++i) text += alphabet[pick(rng)];
  return text;
}

}  // namespace

TEST_CASE("one token per character, separator spaces make none", "[text][tokenizer]") {
  const std::string text = "患者 CT\t示\xE3\x80\x80肺\xC2\xA0炎\r\n";
  const auto tokens = ner::tokenize(text);
  CHECK(texts(tokens) == std::vector<std::string>{"患", "者", "C", "T", "示", "\xE3\x80\x80", "肺", "\xC2\xA0", "炎"});
  CHECK(tokens[2].start == 3);
  CHECK(tokens[2].end == 4);
  CHECK(tokens[4].start == 6);
  CHECK(tokens[8].start == 10);
  CHECK(tokens[8].end == 11);
}

TEST_CASE("group_ascii keeps runs of ASCII letters and digits whole", "[text][tokenizer]") {
  ner::TokenizerOptions options;
  options.group_ascii = true;
  const auto tokens = ner::tokenize("查CT示12.5mg,Abc", options);
  CHECK(texts(tokens) == std::vector<std::string>{"查", "CT", "示", "12", ".", "5mg", ",", "Abc"});
  CHECK(tokens[1].start == 1);
  CHECK(tokens[1].end == 3);
  CHECK(tokens[5].start == 7);
  CHECK(tokens[5].end == 10);
}

TEST_CASE("the separator rule: C0 controls and ASCII space only", "[text][tokenizer]") {
  CHECK(ner::is_separator_space(' '));
  CHECK(ner::is_separator_space('\t'));
  CHECK(ner::is_separator_space('\r'));
  CHECK(ner::is_separator_space('\n'));
  CHECK(ner::is_separator_space(0x01));
  CHECK_FALSE(ner::is_separator_space(0x3000));
  CHECK_FALSE(ner::is_separator_space(0xA0));
  CHECK_FALSE(ner::is_separator_space(0xE236));
  CHECK_FALSE(ner::is_separator_space('a'));
  CHECK(ner::tokenize("").empty());
  CHECK(ner::tokenize(" \t\r\n ").empty());
}

TEST_CASE("offsets are exact on random mixed text", "[text][tokenizer]") {
  std::mt19937 rng(20240521);
  for (int round = 0; round < 300; ++round) {
    const std::string text = random_text(rng, 1 + round % 60);
    for (bool group : {false, true}) {
      for (auto form : {ner::Normalization::None, ner::Normalization::NFKC, ner::Normalization::HalfWidth}) {
        ner::TokenizerOptions options;
        options.group_ascii = group;
        options.normalization = form;
        const auto tokens = ner::tokenize(text, options);
        const std::size_t length = ner::utf8::length(text);
        std::size_t covered = 0, previous_end = 0;
        for (const auto& t : tokens) {
          REQUIRE(t.start < t.end);
          REQUIRE(t.end <= length);
          REQUIRE(t.start >= previous_end);
          const std::string original = substring(text, t.start, t.end);
          if (form == ner::Normalization::None) REQUIRE(t.text == original);
          REQUIRE(!t.text.empty());
          for (char c : t.text) REQUIRE(static_cast<unsigned char>(c) > 0x20);  // never a separator
          if (!group) REQUIRE(t.end - t.start == 1);
          // The gap before a token is separator characters only.
          for (char c : substring(text, previous_end, t.start)) REQUIRE(static_cast<unsigned char>(c) <= 0x20);
          covered += t.end - t.start;
          previous_end = t.end;
        }
        for (char c : substring(text, previous_end, length)) REQUIRE(static_cast<unsigned char>(c) <= 0x20);
        // Every character that is not a separator is in exactly one token.
        std::size_t non_separators = 0;
        for (std::size_t i = 0; i < text.size();) {
          non_separators += !ner::is_separator_space(ner::utf8::decode(text, i));
        }
        REQUIRE(covered == non_separators);
      }
    }
  }
}

TEST_CASE("normalised tokens keep the original offsets", "[text][tokenizer][normalize]") {
  ner::TokenizerOptions options;
  options.normalization = ner::Normalization::NFKC;
  const std::string text = "ＣＴ示\xE3\x80\x80５㎎";
  auto tokens = ner::tokenize(text, options);
  CHECK(texts(tokens) == std::vector<std::string>{"C", "T", "示", "\xE3\x80\x80", "5", "mg"});
  CHECK(tokens[5].start == 5);
  CHECK(tokens[5].end == 6);
  options.group_ascii = true;
  tokens = ner::tokenize(text, options);
  CHECK(texts(tokens) == std::vector<std::string>{"CT", "示", "\xE3\x80\x80", "5mg"});
  CHECK(tokens[0].start == 0);
  CHECK(tokens[0].end == 2);
  CHECK(tokens[3].start == 4);
  CHECK(tokens[3].end == 6);
}
