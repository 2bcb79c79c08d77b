#include <catch2/catch.hpp>

#include <random>

#include "libner/io/error.h"
#include "libner/scheme/scheme.h"

using ner::Scheme;
using ner::Span;

namespace {

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("encode spells each scheme", "[scheme]") {
  std::vector<Span> spans{{0, 2, "X"}, {2, 3, "X"}, {4, 7, "Y"}};
  CHECK(ner::encode(spans, 8, Scheme::IOB1) == split("I-X I-X B-X O I-Y I-Y I-Y O"));
  CHECK(ner::encode(spans, 8, Scheme::IOB2) == split("B-X I-X B-X O B-Y I-Y I-Y O"));
  CHECK(ner::encode(spans, 8, Scheme::IOE1) == split("I-X E-X I-X O I-Y I-Y I-Y O"));
  CHECK(ner::encode(spans, 8, Scheme::IOE2) == split("I-X E-X E-X O I-Y I-Y E-Y O"));
  CHECK(ner::encode(spans, 8, Scheme::IOBES) == split("B-X E-X S-X O B-Y I-Y E-Y O"));
  CHECK(ner::encode(spans, 8, Scheme::BILOU) == split("B-X L-X U-X O B-Y I-Y L-Y O"));
  CHECK(ner::encode(spans, 8, Scheme::BMES) == split("B-X E-X S-X O B-Y M-Y E-Y O"));
}

TEST_CASE("every scheme round-trips random spans", "[scheme]") {
  std::mt19937 rng(7);
  for (Scheme scheme : {Scheme::IOB1, Scheme::IOB2, Scheme::IOE1, Scheme::IOE2, Scheme::IOBES, Scheme::BILOU,
                        Scheme::BMES}) {
    for (int trial = 0; trial < 200; ++trial) {
      std::vector<Span> spans;
      std::size_t pos = 0;
      const std::size_t n = 1 + rng() % 12;
      while (pos < n) {
        if (rng() % 2) {
          std::size_t len = 1 + rng() % 3;
          if (pos + len > n) len = n - pos;
          spans.push_back({pos, pos + len, rng() % 2 ? "A" : "B"});
          pos += len;
        } else {
          ++pos;
        }
      }
      const auto labels = ner::encode(spans, n, scheme);
      const auto tags = ner::parse_tags(labels);
      INFO(ner::scheme_name(scheme) << " trial " << trial);
      CHECK(ner::decode(tags) == spans);
      // seqeval's IOE1 patterns cannot start an entity with E after O (a one-token entity before
      // another of its type), and decode_strict keeps seqeval's reading.
      if (scheme != Scheme::IOE1) CHECK(ner::decode_strict(tags, scheme) == spans);
      CHECK(ner::find_ill_formed(tags, scheme) == n);
    }
  }
}

TEST_CASE("lenient decoding reads ill-formed sequences as conlleval does", "[scheme]") {
  CHECK(ner::decode(split("O I-X I-X O")) == std::vector<Span>{{1, 3, "X"}});
  CHECK(ner::decode(split("B-X I-Y")) == std::vector<Span>{{0, 1, "X"}, {1, 2, "Y"}});
  CHECK(ner::decode(split("B_disease I_disease O"), '_') == std::vector<Span>{{0, 2, "disease"}});
}

TEST_CASE("respelling keeps the entities and repairs ill-formed runs", "[scheme]") {
  CHECK(ner::respell(split("B-X I-X O B-Y O"), Scheme::IOBES) == split("B-X E-X O S-Y O"));
  CHECK(ner::respell(split("B-X E-X O S-Y S-Y"), Scheme::IOB2) == split("B-X I-X O B-Y B-Y"));
  CHECK(ner::respell(split("O I-X I-X B-Y"), Scheme::IOB2) == split("O B-X I-X B-Y"));
  CHECK(ner::respell(split("B_a I_a"), Scheme::BMES, '_') == split("B_a E_a"));
}

TEST_CASE("strict decoding drops what the scheme does not allow", "[scheme]") {
  auto strict = [](const std::string& labels, Scheme s) { return ner::decode_strict(ner::parse_tags(split(labels)), s); };
  CHECK(strict("O I-X I-X O", Scheme::IOB2).empty());
  CHECK(strict("B-X I-Y", Scheme::IOB2) == std::vector<Span>{{0, 1, "X"}});
  CHECK(strict("B-X O", Scheme::IOBES).empty());
  CHECK(strict("B-X I-X B-Y E-Y", Scheme::IOBES) == std::vector<Span>{{2, 4, "Y"}});  // seqeval's reading
  CHECK(strict("B-X I-X E-X S-Y", Scheme::IOBES) == std::vector<Span>{{0, 3, "X"}, {3, 4, "Y"}});
  CHECK(ner::find_ill_formed(ner::parse_tags(split("B-X I-Y")), Scheme::IOB2) == 1);
  CHECK(ner::find_ill_formed(ner::parse_tags(split("B-X I-X")), Scheme::IOBES) == 1);
}

TEST_CASE("labels parse with any separator and prefix letters", "[scheme]") {
  CHECK(ner::parse_tag("L-X") == ner::Tag{'E', "X"});
  CHECK(ner::parse_tag("U-X") == ner::Tag{'S', "X"});
  CHECK(ner::parse_tag("M-NAME") == ner::Tag{'I', "NAME"});
  CHECK(ner::parse_tag("B_disease", '_') == ner::Tag{'B', "disease"});
  CHECK(ner::parse_tag("O") == ner::Tag{});
  CHECK(ner::make_label({'E', "X"}, Scheme::BILOU) == "L-X");
  CHECK_THROWS_AS(ner::parse_scheme("bogus"), ner::UsageError);
  CHECK(ner::parse_scheme("BIO") == Scheme::IOB2);
}
