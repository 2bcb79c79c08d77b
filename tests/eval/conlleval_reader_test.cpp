#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "libner/eval/conlleval_reader.h"
#include "libner/io/error.h"

namespace {

std::string write_temp(const std::string& bytes) {
  char tmpl[] = "/tmp/ner-eval-test-XXXXXX";
  int fd = ::mkstemp(tmpl);
  REQUIRE(fd >= 0);
  ::close(fd);
  std::ofstream(tmpl, std::ios::binary) << bytes;
  return tmpl;
}

// Each line as B|token|gold|predicted (B for a boundary, T for a token).
std::vector<std::string> read_lines(const std::string& bytes, ner::ConllevalOptions options = {}) {
  const auto path = write_temp(bytes);
  ner::LineReader lines(path);
  ner::ConllevalReader reader(lines, options);
  std::vector<std::string> out;
  ner::ConllevalLine l;
  while (reader.next(l))
    out.push_back(std::string(l.boundary ? "B" : "T") + "|" + std::string(l.token) + "|" + std::string(l.gold) + "|" +
                  std::string(l.predicted));
  ::unlink(path.c_str());
  return out;
}

std::string error_of(const std::string& bytes, ner::ConllevalOptions options = {}) {
  try {
    read_lines(bytes, options);
  } catch (const ner::Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("ConllevalReader takes the last two fields and conlleval's boundaries", "[eval]") {
  const auto lines = read_lines("-DOCSTART- -X- O O\n\nEU NNP I-ORG B-ORG\n-X- x y z\n   \nx y B-X I-X");
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] == "T|-DOCSTART-|O|O");  // a token to conlleval
  CHECK(lines[1] == "B|-X-|O|O");
  CHECK(lines[2] == "T|EU|I-ORG|B-ORG");
  CHECK(lines[3] == "B|-X-|O|O");         // -X- first: a boundary, its labels ignored
  CHECK(lines[4] == "B|-X-|O|O");         // spaces only: no fields
  CHECK(lines[5] == "T|x|B-X|I-X");       // no final line end
}

TEST_CASE("ConllevalReader stops where conlleval stops", "[eval]") {
  CHECK_THAT(error_of("a O O\nb O\n"), Catch::Contains(":2: unexpected number of columns: 2 (3 on line 1)"));
  CHECK_THAT(error_of("\na O O\n\nb O O O\n"), Catch::Contains(":4: unexpected number of columns: 4 (3 on line 2)"));
  CHECK_THAT(error_of("a\n"), Catch::Contains(":1: expected at least 2 columns"));
  ner::ConllevalOptions pick;
  pick.gold_column = 5;
  CHECK_THAT(error_of("a b c\n", pick), Catch::Contains(":1: no gold column 5: the line has 3 columns"));
}

TEST_CASE("ConllevalReader's raw mode and column choice", "[eval]") {
  ner::ConllevalOptions raw;
  raw.raw = true;
  raw.outside = "NONE";
  auto lines = read_lines("a PER NONE\nb O LOC\n", raw);
  CHECK(lines[0] == "T|a|B-PER|O");
  CHECK(lines[1] == "T|b|O|B-LOC");
  ner::ConllevalOptions cols;
  cols.gold_column = 2;
  cols.predicted_column = -2;
  lines = read_lines("a B-X I-X O\n", cols);
  CHECK(lines[0] == "T|a|B-X|I-X");
}

TEST_CASE("ConllevalReader reads TAB-separated streams where conlleval would stop", "[eval]") {
  ner::ConllevalOptions detect;
  detect.detect_tabs = true;
  auto lines = read_lines("# doc = 1\n中\t0\t1\tB-X\tB-X\n\n# doc = 2\n文\t0\t1\tO\tI-X\n", detect);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "T|中|B-X|B-X");
  CHECK(lines[1] == "B|-X-|O|O");
  CHECK(lines[2] == "T|文|O|I-X");
  // Space-separated input is conlleval's, comments and all.
  lines = read_lines("# a b\nx\tO O O\n", detect);
  CHECK(lines[0] == "T|#|a|b");
  CHECK(lines[1] == "T|x\tO|O|O");
  // Without detection the TAB line is one field, where conlleval dies.
  CHECK_THAT(error_of("中\tO\tO\n"), Catch::Contains(":1: expected at least 2 columns"));
}

// ner-eval GOLD+PRED.conll --by document resamples documents: the stream's `# doc =` markers,
// which the reader skips as comments, must still start them (they once made one document).
TEST_CASE("ConllevalSentences starts documents at the stream's markers and at -DOCSTART-", "[eval]") {
  ner::ConllevalOptions detect;
  detect.detect_tabs = true;
  const auto path = write_temp(
      "# doc = 1\n中\t0\t1\tB-X\tB-X\n\n文\t0\t1\tO\tO\n\n# newdoc id = 2\n# sent_id = 3\n字\t0\t1\tO\tO\n\n"
      "-DOCSTART-\t0\t0\tO\tO\n\n词\t0\t1\tO\tO\n\n# sent_id = 4\n句\t0\t1\tO\tO\n");
  ner::LineReader lines(path);
  ner::ConllevalReader reader(lines, detect);
  ner::ConllevalSentences sentences(reader);
  std::vector<std::string> starts;
  ner::LabelledSentence s;
  while (sentences.next(s)) starts.push_back(std::string(s.tokens[0]) + (s.starts_document ? "+" : "-"));
  ::unlink(path.c_str());
  CHECK(starts == std::vector<std::string>{"中+", "文-", "字+", "-DOCSTART-+", "词-", "句-"});
}
