#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "libner/text/tokenizer.h"

namespace {

using Pieces = std::vector<std::pair<std::size_t, std::size_t>>;

// The pieces as strings of token texts, for readable expectations.
std::vector<std::string> show(const std::vector<ner::TextToken>& tokens, const Pieces& pieces) {
  std::vector<std::string> out;
  for (auto [b, e] : pieces) {
    std::string s;
    for (std::size_t i = b; i < e; ++i) s += tokens[i].text;
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> split(const std::string& text, std::size_t max_len, const std::vector<ner::Span>& entities = {}) {
  const auto tokens = ner::tokenize(text);
  return show(tokens, ner::split_sentences(tokens, text, max_len, entities));
}

// Pieces are non-empty, in order, and cover every token exactly once.
void check_cover(const Pieces& pieces, std::size_t n) {
  std::size_t next = 0;
  for (auto [b, e] : pieces) {
    REQUIRE(b == next);
    REQUIRE(b < e);
    next = e;
  }
  REQUIRE(next == n);
}

}  // namespace

TEST_CASE("sentence ends cut, with their closing quotes", "[text][split]") {
  CHECK(split("患者腹痛。无发热！", 0) == std::vector<std::string>{"患者腹痛。", "无发热！"});
  CHECK(split("他说：“好。”然后走了；", 0) == std::vector<std::string>{"他说：“好。”", "然后走了；"});
  CHECK(split("什么？！真的", 0) == std::vector<std::string>{"什么？！", "真的"});
  CHECK(split("腹痛，发热、咳嗽", 0) == std::vector<std::string>{"腹痛，发热、咳嗽"});
  CHECK(split("", 0).empty());
  CHECK(split("。", 0) == std::vector<std::string>{"。"});
}

TEST_CASE("line breaks cut", "[text][split]") {
  CHECK(split("第一行\n第二行\r\n\r\n第三行", 0) == std::vector<std::string>{"第一行", "第二行", "第三行"});
  CHECK(split("a b", 0) == std::vector<std::string>{"ab"});
  // Line breaks only: no cut at punctuation.
  const std::string text = "腹痛。发热\n咳嗽";
  const auto tokens = ner::tokenize(text);
  ner::SentenceSplitOptions options;
  options.at_punctuation = false;
  CHECK(show(tokens, ner::split_sentences(tokens, text, options)) == std::vector<std::string>{"腹痛。发热", "咳嗽"});
}

TEST_CASE("long pieces cut at commas, then spaces, then anywhere", "[text][split]") {
  CHECK(split("一二三，四五六、七八九", 5) == std::vector<std::string>{"一二三，", "四五六、", "七八九"});
  CHECK(split("一二三，四五六七八九", 20) == std::vector<std::string>{"一二三，四五六七八九"});
  CHECK(split("abc defgh", 6) == std::vector<std::string>{"abc", "defgh"});
  CHECK(split("一二三四五六七八九", 4) == std::vector<std::string>{"一二三四", "五六七八", "九"});
  // A hard cut avoids the inside of an ASCII word or number where it can.
  CHECK(split("血压160/100mmHg", 8) == std::vector<std::string>{"血压160/", "100mmHg"});
  CHECK(split("12345678901", 4) == std::vector<std::string>{"1234", "5678", "901"});
  // The last comma within reach is taken.
  CHECK(split("一，二，三四五六七", 5) == std::vector<std::string>{"一，二，", "三四五六七"});
  // A strong boundary first, then the length rule inside each sentence.
  CHECK(split("一二。三四五六七八", 3) == std::vector<std::string>{"一二。", "三四五", "六七八"});
}

TEST_CASE("no cut inside an entity", "[text][split]") {
  // 腹痛。发 would end a sentence after 。, but the entity 痛。发 (tokens 1..4) spans it.
  CHECK(split("腹痛。发热", 0, {{1, 4, "X"}}) == std::vector<std::string>{"腹痛。发热"});
  // Hard cut moves before the entity.
  CHECK(split("一二三四五六七八", 4, {{2, 6, "X"}}) == std::vector<std::string>{"一二", "三四五六", "七八"});
  // An entity longer than max_len stays whole.
  CHECK(split("一二三四五六七八", 3, {{0, 5, "X"}}) == std::vector<std::string>{"一二三四五", "六七八"});
  CHECK(split("一二三四五六七八", 3, {{1, 6, "X"}}) == std::vector<std::string>{"一", "二三四五六", "七八"});
}

TEST_CASE("packing joins short pieces again", "[text][split]") {
  const std::string text = "一。二。三四。五六七八。九";
  const auto tokens = ner::tokenize(text);
  ner::SentenceSplitOptions options;
  options.max_len = 5;
  options.pack = true;
  CHECK(show(tokens, ner::split_sentences(tokens, text, options)) ==
        std::vector<std::string>{"一。二。", "三四。", "五六七八。", "九"});
}

TEST_CASE("random splits cover all tokens, keep entities whole and honour max_len", "[text][split]") {
  std::mt19937 rng(7);
  const std::vector<std::string> alphabet = {"患", "者", "。", "，", "、", "！", "”", " ", "\n", "a", "1", "\xE3\x80\x80"};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    const std::size_t length = 1 + round % 97;
    for (std::size_t i = 0; i < length; ++i) text += alphabet[pick(rng)];
    const auto tokens = ner::tokenize(text);
    const std::size_t n = tokens.size();
    // Non-overlapping random entities.
    std::vector<ner::Span> entities;
    for (std::size_t i = 0; i < n;) {
      const std::size_t len = 1 + rng() % 6;
      if (rng() % 3 == 0 && i + len <= n) entities.push_back({i, i + len, "E"});
      i += len;
    }
    for (std::size_t max_len : {0, 1, 2, 5, 16}) {
      for (bool pack : {false, true}) {
        ner::SentenceSplitOptions options;
        options.max_len = max_len;
        options.pack = pack;
        const auto pieces = ner::split_sentences(tokens, text, options, entities);
        check_cover(pieces, n);
        for (auto [b, e] : pieces) {
          for (const auto& entity : entities) REQUIRE_FALSE((entity.begin < b && b < entity.end));
          if (max_len > 0 && e - b > max_len) {
            // Only an entity longer than max_len may make a piece too long: the piece is that entity.
            bool explained = false;
            for (const auto& entity : entities) explained |= entity.begin == b && entity.end == e;
            REQUIRE(explained);
          }
        }
      }
    }
  }
}
