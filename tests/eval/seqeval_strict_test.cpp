#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "libner/eval/seqeval_strict.h"

using ner::Scheme;

namespace {

// The entities as "TYPE begin end;..." for compact expectations.
std::string entities(const std::string& labels, Scheme scheme) {
  std::vector<std::string> l;
  std::istringstream in(labels);
  for (std::string w; in >> w;) l.push_back(w);
  std::string out;
  for (const auto& s : ner::strict_entities(ner::parse_tags(l), scheme))
    out += s.type + " " + std::to_string(s.begin) + " " + std::to_string(s.end) + ";";
  return out;
}

}  // namespace

// The expectations are those of seqeval's own tests (tests/test_scheme.py, *_tokens).
TEST_CASE("strict_entities reads IOB2 as seqeval does", "[eval]") {
  CHECK(entities("B-PER", Scheme::IOB2) == "PER 0 1;");
  CHECK(entities("I-PER", Scheme::IOB2).empty());
  CHECK(entities("O I-PER", Scheme::IOB2).empty());
  CHECK(entities("I-PER I-PER", Scheme::IOB2).empty());
  CHECK(entities("I-PER B-ORG", Scheme::IOB2) == "ORG 1 2;");
  CHECK(entities("B-PER I-PER", Scheme::IOB2) == "PER 0 2;");
  CHECK(entities("B-PER I-ORG", Scheme::IOB2) == "PER 0 1;");
  CHECK(entities("B-PER B-PER", Scheme::IOB2) == "PER 0 1;PER 1 2;");
}

TEST_CASE("strict_entities reads IOB1, IOE1 and IOE2 as seqeval does", "[eval]") {
  CHECK(entities("B-PER", Scheme::IOB1).empty());
  CHECK(entities("I-PER", Scheme::IOB1) == "PER 0 1;");
  CHECK(entities("I-PER I-ORG", Scheme::IOB1) == "PER 0 1;ORG 1 2;");
  CHECK(entities("I-PER B-PER", Scheme::IOB1) == "PER 0 1;PER 1 2;");
  CHECK(entities("I-PER B-ORG", Scheme::IOB1) == "PER 0 1;");
  CHECK(entities("B-PER I-ORG", Scheme::IOB1) == "ORG 1 2;");
  CHECK(entities("B-PER B-PER", Scheme::IOB1) == "PER 1 2;");
  CHECK(entities("I-PER", Scheme::IOE1) == "PER 0 1;");
  CHECK(entities("E-PER I-ORG", Scheme::IOE1) == "ORG 1 2;");
  CHECK(entities("E-PER E-PER", Scheme::IOE1).empty());
  CHECK(entities("E-PER", Scheme::IOE2) == "PER 0 1;");
  CHECK(entities("I-PER", Scheme::IOE2).empty());
  CHECK(entities("I-PER E-PER", Scheme::IOE2) == "PER 0 2;");
  CHECK(entities("I-PER E-ORG", Scheme::IOE2) == "ORG 1 2;");
  CHECK(entities("E-PER E-ORG", Scheme::IOE2) == "PER 0 1;ORG 1 2;");
}

TEST_CASE("strict_entities reads IOBES, BILOU and BMES as seqeval reads IOBES", "[eval]") {
  CHECK(entities("S-PER", Scheme::IOBES) == "PER 0 1;");
  CHECK(entities("B-PER", Scheme::IOBES).empty());
  CHECK(entities("I-PER S-PER", Scheme::IOBES) == "PER 1 2;");
  CHECK(entities("I-PER B-PER", Scheme::IOBES).empty());
  CHECK(entities("B-PER E-PER", Scheme::IOBES) == "PER 0 2;");
  CHECK(entities("B-PER E-ORG", Scheme::IOBES).empty());
  CHECK(entities("B-PER S-PER", Scheme::IOBES) == "PER 1 2;");
  CHECK(entities("S-PER I-PER", Scheme::IOBES) == "PER 0 1;");
  CHECK(entities("S-PER S-PER", Scheme::IOBES) == "PER 0 1;PER 1 2;");
  CHECK(entities("B-PER L-PER U-ORG", Scheme::BILOU) == "PER 0 2;ORG 2 3;");
  CHECK(entities("B-PER M-PER E-PER", Scheme::BMES) == "PER 0 3;");
  // A B after an illegal transition still starts an entity.
  CHECK(entities("B-X I-X B-Y E-Y", Scheme::IOBES) == "Y 2 4;");
}

TEST_CASE("strict_entities rejects prefixes the scheme does not use", "[eval]") {
  CHECK_THROWS_AS(entities("B-PER E-PER S-PER", Scheme::IOB2), ner::LabelNotInScheme);
  try {
    entities("O O B-X", Scheme::IOE2);
    FAIL("no exception");
  } catch (const ner::LabelNotInScheme& e) {
    CHECK(e.index() == 2);
  }
}
