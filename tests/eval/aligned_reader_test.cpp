#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <unistd.h>

#include "libner/eval/aligned_reader.h"
#include "libner/io/error.h"

namespace {

struct Temp {
  explicit Temp(const std::string& bytes) {
    char tmpl[] = "/tmp/ner-eval-test-XXXXXX";
    int fd = ::mkstemp(tmpl);
    REQUIRE(fd >= 0);
    ::close(fd);
    std::ofstream(tmpl, std::ios::binary) << bytes;
    path = tmpl;
  }
  ~Temp() { ::unlink(path.c_str()); }
  std::string path;
};

std::string error_of(const std::string& gold, const std::string& pred, ner::AlignedOptions o = {}) {
  Temp g(gold), p(pred);
  try {
    ner::AlignedReader reader(g.path, p.path, "", o);
    ner::LabelledSentence s;
    while (reader.next(s)) {
    }
  } catch (const ner::Error& e) {
    std::string what = e.what();
    // Name the files G and P for the expectations.
    for (auto [from, to] : {std::pair{g.path, std::string("G")}, std::pair{p.path, std::string("P")}})
      for (std::size_t at; (at = what.find(from)) != std::string::npos;) what.replace(at, from.size(), to);
    return what;
  }
  return "no error";
}

}  // namespace

TEST_CASE("AlignedReader pairs the labels of two streams", "[eval]") {
  Temp gold("-DOCSTART- -X- -X- O\n\nEU NNP B-ORG\nrejects VBZ O\n\n# doc = 2\nGerman JJ B-MISC\n");
  Temp pred("-DOCSTART-\tO\n\nEU\tB-ORG\nrejects\tB-PER\n\n# doc = 2\nGerman\tO\n");
  Temp pred2("EU\tO\nrejects\tO\n\nGerman\tB-MISC\n");
  ner::AlignedReader reader(gold.path, pred.path, pred2.path, {});
  ner::LabelledSentence s;
  REQUIRE(reader.next(s));
  CHECK(s.tokens == std::vector<std::string_view>{"EU", "rejects"});
  CHECK(s.gold == std::vector<std::string_view>{"B-ORG", "O"});
  CHECK(s.predicted == std::vector<std::string_view>{"B-ORG", "B-PER"});
  CHECK(s.predicted2 == std::vector<std::string_view>{"O", "O"});
  CHECK(s.lines == std::vector<std::size_t>{3, 4});
  CHECK(s.starts_document);
  REQUIRE(reader.next(s));
  CHECK(s.gold == std::vector<std::string_view>{"B-MISC"});
  CHECK(s.predicted2 == std::vector<std::string_view>{"B-MISC"});
  CHECK(s.starts_document);
  CHECK_FALSE(reader.next(s));
}

TEST_CASE("AlignedReader picks label columns", "[eval]") {
  Temp gold("a\tX\tB-A\n");
  Temp pred("a\t0\t1\tI-A\tO\n");
  ner::AlignedOptions o;
  o.gold_column = 2;
  o.predicted_column = -2;
  ner::AlignedReader reader(gold.path, pred.path, "", o);
  ner::LabelledSentence s;
  REQUIRE(reader.next(s));
  CHECK(s.gold[0] == "X");
  CHECK(s.predicted[0] == "I-A");
}

TEST_CASE("AlignedReader names the first place where the streams disagree", "[eval]") {
  CHECK(error_of("a O\nb O\n\nc O\n", "a O\nx O\n\nc O\n") == "G:2: token 'b' differs from 'x' on line 2 of P");
  CHECK(error_of("a O\nb O\n\nc O\n", "a O\nb O\nc O\n") ==
        "G:2: the sentence ends after this line, but in P it goes on at line 3");
  CHECK(error_of("a O\n\nb O\n", "a O\n") == "P:1: the input ends here, but G goes on at line 3");
  CHECK(error_of("a O\n", "a O\n\n\nb O\n") == "G:1: the input ends here, but P goes on at line 4");
  CHECK(error_of("a O\nb\n", "a O\nb O\n") == "G:2: expected 2 columns, found 1");
  CHECK(error_of("a\nb\n", "a O\nb O\n") == "G:1: expected a label column after the token, found 1 column");
  ner::AlignedOptions o;
  o.gold_column = 4;
  CHECK(error_of("a O\n", "a O\n", o) == "G:1: no label column 4: the line has 2 columns, the first being the token");
  CHECK(error_of("a O\n\nb O\n", "a O\n\nb O\n") == "no error");
}
