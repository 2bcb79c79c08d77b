#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "libner/eval/entity_counter.h"
#include "libner/eval/error_analysis.h"
#include "libner/stream/sentence.h"

namespace {

// Labels written as one string, separated by spaces.
std::vector<std::string> words(const std::string& s) { return ner::split_columns(s); }

struct Case {
  std::vector<std::string> tokens, gold, pred;
  ner::LabelledSentence sentence() const {
    ner::LabelledSentence s;
    s.tokens.assign(tokens.begin(), tokens.end());
    s.gold.assign(gold.begin(), gold.end());
    s.predicted.assign(pred.begin(), pred.end());
    for (std::size_t i = 0; i < tokens.size(); ++i) s.lines.push_back(10 + i);
    s.source = "g.txt";
    return s;
  }
};

ner::ErrorAnalysis analyse(const Case& c, std::size_t examples = 10) {
  ner::ErrorAnalysis a(examples, 2);
  const auto s = c.sentence();
  a.add(s, ner::read_entities(s.gold, {}), ner::read_entities(s.predicted, {}));
  return a;
}

}  // namespace

TEST_CASE("ErrorAnalysis gives each mistake one class", "[eval]") {
  Case c{words("a b c d e f g h i j"),
         words("B-PER I-PER O B-LOC O B-ORG I-ORG O B-PER O"),
         words("B-PER I-PER O B-ORG O B-ORG O B-LOC I-LOC I-LOC")};
  const auto a = analyse(c);
  const auto t = a.total();
  CHECK(t.correct == 1);         // a b
  CHECK(t.wrong_type == 1);      // d: LOC as ORG
  CHECK(t.wrong_boundary == 1);  // f g as f
  CHECK(t.wrong_type_and_boundary == 1);  // i as h i j LOC
  CHECK(t.missed == 0);
  CHECK(t.spurious == 0);
  CHECK(a.by_type().at("LOC").wrong_type == 1);
  CHECK(a.by_type().at("ORG").wrong_boundary == 1);
  CHECK(a.by_type().at("PER").wrong_type_and_boundary == 1);
  CHECK(a.confusion().at("LOC").at("ORG") == 1);
  CHECK(a.confusion().at("PER").at("PER") == 1);
  CHECK(a.confusion().at("PER").at("LOC") == 1);
  REQUIRE(a.examples().size() == 3);
  const auto& e = a.examples()[0];
  CHECK(e.kind == ner::ErrorKind::WrongType);
  CHECK(e.line == 13);
  CHECK(e.gold_text == "d");
  CHECK(e.context == "... b c [{d}] e f ...");
  CHECK(a.examples()[2].context == "... f g {h [i] j}");
}

TEST_CASE("ErrorAnalysis counts missed and spurious entities", "[eval]") {
  Case c{words("张 三 在 北 京"), words("B-PER I-PER O B-LOC I-LOC"), words("O O B-ORG O O")};
  const auto a = analyse(c, 1);
  CHECK(a.total().missed == 2);
  CHECK(a.total().spurious == 1);
  CHECK(a.by_type().at("ORG").spurious == 1);
  CHECK(a.confusion().at("").at("ORG") == 1);
  CHECK(a.confusion().at("PER").at("") == 1);
  REQUIRE(a.examples().size() == 1);  // the first only
  CHECK(a.examples()[0].kind == ner::ErrorKind::Spurious);
  CHECK(a.examples()[0].context == "张三{在}北京");
}

TEST_CASE("ErrorAnalysis adds up to the entity counts", "[eval]") {
  // predicted - correct = wrong type + wrong boundary + both + spurious; gold - correct >= missed.
  const std::vector<std::string> alphabet{"O", "O", "O", "B-X", "I-X", "B-Y", "I-Y", "B-Z"};
  std::uint64_t seed = 3;
  auto next = [&] { return (seed = seed * 6364136223846793005ULL + 1442695040888963407ULL) >> 33; };
  ner::ErrorAnalysis a(0, 0);
  ner::EntityCounter counter;
  for (int round = 0; round < 500; ++round) {
    Case c;
    const std::size_t n = 1 + next() % 15;
    for (std::size_t i = 0; i < n; ++i) {
      c.tokens.push_back("t");
      c.gold.push_back(alphabet[next() % alphabet.size()]);
      c.pred.push_back(next() % 3 ? c.gold.back() : alphabet[next() % alphabet.size()]);
    }
    const auto s = c.sentence();
    a.add(s, ner::read_entities(s.gold, {}), ner::read_entities(s.predicted, {}));
    counter.add(s.gold, s.predicted);
  }
  const auto t = a.total();
  const auto n = counter.total();
  CHECK(t.correct == n.correct);
  CHECK(n.predicted - n.correct == t.wrong_type + t.wrong_boundary + t.wrong_type_and_boundary + t.spurious);
  CHECK(n.gold - n.correct >= t.missed);
  CHECK(t.missed > 0);
}

TEST_CASE("join_tokens spaces ASCII words only", "[eval]") {
  std::vector<std::string_view> t{"New", "York", "的", "天", "NBA", "。"};
  CHECK(ner::join_tokens(t, 0, 6) == "New York的天NBA。");
}
