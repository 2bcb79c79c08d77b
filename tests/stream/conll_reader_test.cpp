#include <catch2/catch.hpp>

#include <fstream>
#include <unistd.h>

#include "libner/io/error.h"
#include "libner/io/input.h"
#include "libner/stream/conll_reader.h"

namespace {

std::string write_temp(const std::string& bytes) {
  char tmpl[] = "/tmp/ner-conll-test-XXXXXX";
  int fd = ::mkstemp(tmpl);
  REQUIRE(fd >= 0);
  ::close(fd);
  std::ofstream(tmpl, std::ios::binary) << bytes;
  return tmpl;
}

}  // namespace

TEST_CASE("ConllReader splits sentences and keeps comments and -DOCSTART-", "[stream]") {
  auto path = write_temp("-DOCSTART- -X- O O\n\n# doc = 7\n中\t0\t1\tB-X\n\xE3\x80\x80\t1\t2\tO\n\n\n#\t2\t3\tO\n\n# tail = 1\n");
  ner::LineReader lines(path);
  ner::ConllReader reader(lines);
  ner::Sentence s;
  REQUIRE(reader.next(s));
  CHECK(s.preamble == std::vector<std::string>{"-DOCSTART- -X- O O"});
  CHECK(s.tokens.empty());
  REQUIRE(reader.next(s));
  CHECK(s.comment("doc") == "7");
  REQUIRE(s.size() == 2);
  CHECK(s.tokens[1][0] == "\xE3\x80\x80");  // U+3000 is a token, not a separator
  CHECK(s.last_column() == std::vector<std::string>{"B-X", "O"});
  CHECK(s.lines == std::vector<std::size_t>{4, 5});
  REQUIRE(reader.next(s));
  CHECK(s.tokens[0][0] == "#");
  REQUIRE(reader.next(s));
  CHECK(s.tokens.empty());
  CHECK(s.comment("tail") == "1");
  CHECK_FALSE(reader.next(s));
}

TEST_CASE("ConllReader reports a wrong number of columns with its line", "[stream]") {
  auto path = write_temp("a B-X\nb\n");
  ner::LineReader lines(path);
  ner::ConllReader reader(lines);
  ner::Sentence s;
  try {
    reader.next(s);
    FAIL("no error");
  } catch (const ner::Error& e) {
    CHECK(e.line() == 2);
    CHECK(e.message() == "expected 2 columns, found 1");
  }
}
