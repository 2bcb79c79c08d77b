#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "libner/eval/conlleval.h"
#include "libner/eval/entity_counter.h"
#include "libner/stream/sentence.h"

using ner::TypeCounts;
namespace cl = ner::conlleval;

namespace {

// Labels written as one string, separated by spaces.
std::vector<std::string> words(const std::string& s) { return ner::split_columns(s); }

std::vector<std::string_view> views(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

// A tiny deterministic generator for the property tests (splitmix64).
struct Rng {
  std::uint64_t s;
  std::uint64_t operator()() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
};

}  // namespace

TEST_CASE("conlleval splits a label at its first hyphen", "[eval]") {
  auto l = cl::split_label("B-PER");
  CHECK(l.tag == "B");
  CHECK(l.type == "PER");
  l = cl::split_label("I-B-C");  // "20040126 ET code which allows hyphens in the types"
  CHECK(l.tag == "I");
  CHECK(l.type == "B-C");
  l = cl::split_label("O");
  CHECK(l.tag == "O");
  CHECK(l.type.empty());
  l = cl::split_label("B-0");  // Perl's "0" is false: `$type ? $type : ""`
  CHECK(l.type.empty());
  l = cl::split_label("B-00");
  CHECK(l.type == "00");
  l = cl::split_label("-X");
  CHECK(l.tag.empty());
  CHECK(l.type == "X");
  l = cl::split_label("B_disease", '_');
  CHECK(l.tag == "B");
  CHECK(l.type == "disease");
}

TEST_CASE("conlleval's chunk rules", "[eval]") {
  using T = cl::ChunkTag;
  CHECK(cl::chunk_tag("B") == T::B);
  CHECK(cl::chunk_tag("S") == T::Other);
  CHECK(cl::chunk_tag("BB") == T::Other);
  CHECK(cl::ends_chunk(T::B, T::B, false));
  CHECK(cl::ends_chunk(T::I, T::O, false));
  CHECK_FALSE(cl::ends_chunk(T::B, T::I, false));
  CHECK(cl::ends_chunk(T::B, T::I, true));
  CHECK(cl::ends_chunk(T::E, T::I, false));
  CHECK_FALSE(cl::ends_chunk(T::E, T::B, false));  // E-X B-X is one chunk to conlleval
  CHECK_FALSE(cl::ends_chunk(T::Dot, T::O, true));
  CHECK(cl::ends_chunk(T::Open, T::I, false));
  CHECK(cl::starts_chunk(T::O, T::I, false));
  CHECK(cl::starts_chunk(T::E, T::I, false));
  CHECK_FALSE(cl::starts_chunk(T::Other, T::B, false));  // S-X B-X continues, too
  CHECK(cl::starts_chunk(T::O, T::Other, true));
  CHECK_FALSE(cl::starts_chunk(T::Other, T::Other, false));
  CHECK(cl::starts_chunk(T::I, T::Close, false));
}

TEST_CASE("ChunkCounter counts what conlleval counts", "[eval]") {
  // The input of conlleval run by hand (perl conlleval prints for it: "processed 3 tokens with
  // 3 phrases; found: 3 phrases; correct: 3.", accuracy 66.67%, the type "" twice and X).
  cl::ChunkCounter c;
  c.add("B-X", "B-X");
  c.add_boundary();
  c.add_boundary();
  c.add_boundary();  // a -X- line: its labels do not count
  c.add("I-0", "B-0");
  c.add("B-", "B");
  c.finish();
  CHECK(c.tokens() == 3);
  CHECK(c.correct_tokens() == 2);
  std::map<std::string, TypeCounts> by;
  for (std::size_t id = 0; id < c.counts().size(); ++id) by[c.types().name(id)] = c.counts()[id];
  CHECK(by[""] == TypeCounts{2, 2, 2});
  CHECK(by["X"] == TypeCounts{1, 1, 1});
}

TEST_CASE("conlleval misreads S but counts a chunk only when both sides end together", "[eval]") {
  cl::ChunkCounter c;
  for (auto [g, p] : std::vector<std::pair<const char*, const char*>>{
           {"S-X", "S-X"}, {"S-X", "S-X"}, {"O", "O"}, {"B-Y", "B-Y"}, {"I-Y", "O"}, {"O", "O"}}) {
    c.add(g, p);
  }
  c.finish();
  std::map<std::string, TypeCounts> by;
  for (std::size_t id = 0; id < c.counts().size(); ++id) by[c.types().name(id)] = c.counts()[id];
  CHECK(by["X"] == TypeCounts{1, 1, 1});  // S-X S-X is one chunk
  CHECK(by["Y"] == TypeCounts{1, 1, 0});
}

TEST_CASE("the chunks conlleval sees are the spans it counts", "[eval]") {
  // For the tags B I E O and any other (S M ...), ChunkCounter's correct count is the number of
  // spans both sides share, and its found counts are the numbers of spans.
  const std::vector<std::string> alphabet{"O", "O", "B-X", "I-X", "E-X", "S-X", "B-Y", "I-Y", "E-Y", "M-Y", "I-X-Z", "B"};
  Rng rng{42};
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::string> gold, pred;
    const std::size_t n = 1 + rng() % 12;
    for (std::size_t i = 0; i < n; ++i) {
      gold.push_back(alphabet[rng() % alphabet.size()]);
      pred.push_back(rng() % 3 == 0 ? alphabet[rng() % alphabet.size()] : gold.back());
    }
    cl::ChunkCounter c;
    for (std::size_t i = 0; i < n; ++i) c.add(gold[i], pred[i]);
    c.finish();
    const auto g = cl::chunks(views(gold));
    const auto p = cl::chunks(views(pred));
    std::map<std::string, TypeCounts> want;
    for (const auto& s : g) ++want[s.type].gold;
    for (const auto& s : p) ++want[s.type].predicted;
    for (const auto& s : g)
      if (std::find(p.begin(), p.end(), s) != p.end()) ++want[s.type].correct;
    std::map<std::string, TypeCounts> got;
    for (std::size_t id = 0; id < c.counts().size(); ++id) got[c.types().name(id)] = c.counts()[id];
    INFO("gold: " << [&] { std::string s; for (auto& l : gold) s += l + " "; return s; }());
    INFO("pred: " << [&] { std::string s; for (auto& l : pred) s += l + " "; return s; }());
    REQUIRE(got == want);
  }
}

TEST_CASE("EntityCounter's readings differ on ill-formed labels", "[eval]") {
  const auto gold = words("B-PER I-PER O B-LOC O");
  const auto pred = words("I-PER I-PER O B-LOC I-ORG");
  ner::EntityCounter conll;
  conll.add(gold, pred);
  CHECK(conll.total() == TypeCounts{2, 3, 2});  // I-PER starts an entity; I-ORG one of its own
  CHECK(conll.tokens() == 5);
  CHECK(conll.correct_tokens() == 3);
  CHECK(conll.by_type().at("PER") == TypeCounts{1, 1, 1});

  ner::EntityCounter strict({ner::EntityReading::Strict, ner::Scheme::IOB2, '-'});
  strict.add(gold, pred);
  CHECK(strict.total() == TypeCounts{2, 1, 1});  // only B-LOC is an entity on the predicted side
  CHECK(strict.by_type().at("PER") == TypeCounts{1, 0, 0});

  ner::EntityCounter lenient({ner::EntityReading::Lenient, ner::Scheme::IOB2, '-'});
  lenient.add(gold, pred);
  CHECK(lenient.total() == TypeCounts{2, 3, 2});
}

TEST_CASE("EntityCounter reads IOBES with the lenient and strict readings", "[eval]") {
  const auto gold = words("S-X S-X O B-Y E-Y");
  const auto pred = words("S-X S-X O B-Y I-Y");
  ner::EntityCounter conll;
  conll.add(gold, pred);
  CHECK(conll.by_type().at("X") == TypeCounts{1, 1, 1});  // conlleval: one chunk
  ner::EntityCounter lenient({ner::EntityReading::Lenient, ner::Scheme::IOBES, '-'});
  lenient.add(gold, pred);
  CHECK(lenient.by_type().at("X") == TypeCounts{2, 2, 2});
  CHECK(lenient.by_type().at("Y") == TypeCounts{1, 1, 1});  // B-Y I-Y still ends at the sentence end
  ner::EntityCounter strict({ner::EntityReading::Strict, ner::Scheme::IOBES, '-'});
  strict.add(gold, pred);
  CHECK(strict.by_type().at("Y") == TypeCounts{1, 0, 0});  // B-Y I-Y is never closed
  CHECK(strict.last().size() == 2);
}

TEST_CASE("EntityCounter sums sentences as conlleval sums a file", "[eval]") {
  ner::EntityCounter c;
  c.add(words("B-X I-X"), words("B-X I-X"));
  c.add(words("I-X O"), words("B-X O"));  // a new sentence: I-X starts a chunk again
  CHECK(c.total() == TypeCounts{2, 2, 2});
  CHECK(c.last().size() == 1);
  CHECK(c.last()[0].second == TypeCounts{1, 1, 1});
  CHECK(ner::scores_of(c.total()).f1 == Approx(100.0));
  CHECK(ner::scores_of(TypeCounts{4, 0, 0}).precision == 0.0);
  CHECK(ner::scores_of(TypeCounts{4, 2, 1}).f1 == Approx(2 * 50.0 * 25.0 / 75.0));
  CHECK_THROWS(c.add(words("O"), words("O O")));
}
