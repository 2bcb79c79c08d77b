#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "libner/io/error.h"
#include "libner/split/document_reader.h"

using ner::split::DocumentReader;
using ner::split::InputFile;
using ner::split::InputFormat;

namespace {

std::string write_temp(const std::string& bytes) {
  char tmpl[] = "/tmp/ner-split-reader-XXXXXX";
  const int fd = ::mkstemp(tmpl);
  REQUIRE(fd >= 0);
  ::close(fd);
  std::ofstream(tmpl, std::ios::binary) << bytes;
  return tmpl;
}

struct Read {
  std::vector<std::string> text, raw;
  std::vector<std::uint64_t> document, sentence;
  std::uint64_t documents = 0, sentences = 0;
  bool markers = false;
  InputFormat format = InputFormat::Auto;
};

Read read_all(const std::vector<std::string>& contents, InputFormat format = InputFormat::Auto) {
  std::vector<InputFile> inputs;
  for (const auto& bytes : contents) {
    const std::string path = write_temp(bytes);
    inputs.push_back(InputFile{path, path});
  }
  Read out;
  {
    DocumentReader reader(inputs, format);
    ner::split::CorpusLine line;
    while (reader.next(line)) {
      out.text.emplace_back(line.text);
      out.raw.emplace_back(line.raw);
      out.document.push_back(line.document);
      out.sentence.push_back(line.sentence);
    }
    out.documents = reader.documents();
    out.sentences = reader.sentences();
    out.markers = reader.has_document_markers();
    out.format = reader.format();
  }
  for (const auto& input : inputs) ::unlink(input.path.c_str());
  return out;
}

Read read_one(const std::string& bytes, InputFormat format = InputFormat::Auto) { return read_all({bytes}, format); }

std::string error_of(const std::string& bytes, InputFormat format = InputFormat::Auto) {
  try {
    read_one(bytes, format);
  } catch (const ner::Error& e) {
    return e.message() + " @" + std::to_string(e.line());
  }
  return "no error";
}

using Ids = std::vector<std::uint64_t>;

}  // namespace

TEST_CASE("documents start at their marker block and keep their comments", "[split][reader]") {
  const Read r = read_one(
      "# corpus header\n"  // 0: joins the first document: it has no tokens
      "\n"
      "# doc = a\n"  // 2
      "a\tO\n"
      "\n"
      "# sent_id = a2\n"  // 5: a sentence of document a
      "b\tO\n"
      "\n"
      "# source = x\n"  // 8: a comment before the marker in the same block
      "# doc = b\n"
      "c\tO\n"
      "\n"
      "\n"
      "# doc = empty\n"  // 13: a document with no sentence
      "\n"
      "# doc = c\n"  // 15
      "d\tO\n"
      "# trailing\n");  // a token line (inside the sentence)
  CHECK(r.markers);
  CHECK(r.format == InputFormat::Stream);
  CHECK(r.document == Ids{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 3, 3, 3});
  CHECK(r.sentence == Ids{0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3});
  CHECK(r.documents == 4);
  CHECK(r.sentences == 4);
}

TEST_CASE("sentences without a marker before the first one form a document", "[split][reader]") {
  const Read r = read_one("x\tO\n\ny\tO\n\n-DOCSTART- -X- O O\n\nz\tO\n\nw\tO\n\n-DOCSTART- -X- O O\n");
  // x y | DOCSTART z w | DOCSTART (an empty document at the end, as in the shared CoNLL-2003 copy)
  CHECK(r.document == Ids{0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2});
  CHECK(r.sentence == Ids{0, 0, 1, 1, 2, 2, 2, 2, 3, 3, 3});
  CHECK(r.documents == 3);
  CHECK(r.sentences == 4);
}

TEST_CASE("a stream without markers is a run of sentences", "[split][reader]") {
  const Read r = read_one("\n# s1\na O\nb O\n\n\n# s2\n# more\nc O\n\nd O\n\n# end of file\n");
  CHECK_FALSE(r.markers);
  CHECK(r.sentence == Ids{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2});
  CHECK(r.sentences == 3);
  CHECK(r.documents == 1);
  // Only comments: no sentence at all.
  CHECK(read_one("# a\n# b\n").sentences == 0);
  CHECK(read_one("\n \n\t\n").format == InputFormat::Auto);
}

TEST_CASE("a '#' token inside a sentence or with a TAB is a token", "[split][reader]") {
  const Read r = read_one("#\tO\na\tO\n\nb\tO\n#\tO\n");
  CHECK(r.sentence == Ids{0, 0, 0, 1, 1});
}

TEST_CASE("each input file starts a new document", "[split][reader]") {
  const Read r = read_all({"# doc = a\nx\tO\n\ny\tO", "z\tO\n\n# doc = b\nw\tO\n"});
  CHECK(r.document == Ids{0, 0, 0, 0, 1, 1, 2, 2});
  CHECK(r.sentence == Ids{0, 0, 0, 1, 2, 2, 3, 3});
  CHECK(r.raw[3] == "y\tO");  // no line end at the end of the first file
}

TEST_CASE("raw lines reproduce the bytes: BOM, CRLF, a missing last line end", "[split][reader]") {
  const std::string bytes = "\xEF\xBB\xBF# doc = a\r\nx\tO\r\n\r\n# doc = b\r\ny\tO";
  const Read r = read_one(bytes);
  std::string joined;
  for (const auto& raw : r.raw) joined += raw;
  CHECK(joined == bytes);
  CHECK(r.text.front() == "# doc = a");
  CHECK(r.text.back() == "y\tO");
  CHECK(r.documents == 2);
}

TEST_CASE("JSON lines: one record per line, detected by its first line", "[split][reader]") {
  const Read r = read_one("\n{\"id\": 1}\n\n{\"id\": 2, \"text\": \"患者\"}\n  {\"id\": 3}\n");
  CHECK(r.format == InputFormat::JsonLines);
  CHECK(r.document == Ids{0, 0, 0, 1, 2});
  CHECK(r.sentence == r.document);
  CHECK(r.documents == 3);
  // A stream whose first token is "{" is not JSON.
  CHECK(read_one("{\tO\n}\tO\n").format == InputFormat::Stream);
  // Forced formats.
  CHECK(read_one("{\"a\": 1}\n", InputFormat::Stream).format == InputFormat::Stream);
}

TEST_CASE("bad input is reported with its line", "[split][reader]") {
  CHECK(error_of("{\"a\": 1}\n{\"a\": \n{\"a\": 3}\n") == "invalid JSON at byte 7 of the line @2");
  CHECK(error_of("{\"a\": 1}\n[1, 2]\n") == "not a JSON object (JSON lines hold one object per line) @2");
  CHECK(error_of("a\tO\n", InputFormat::JsonLines) == "not a JSON object (JSON lines hold one object per line) @1");
  CHECK(error_of("# doc = a\nx\t0\t1\tO\n\ny\t1\tO\n") == "expected 4 columns, found 3 @4");
  CHECK(error_of("# doc = a\nx\tO\n\xFF\tO\n") == "invalid UTF-8 at byte 1 of the line @3");
  // Messages name the input as given, not the path opened.
  const std::string path = write_temp("x\tO\ny\tO\tO\n");
  DocumentReader reader({InputFile{path, "<stdin>"}}, InputFormat::Auto);
  ner::split::CorpusLine line;
  try {
    while (reader.next(line)) {
    }
    FAIL("no error");
  } catch (const ner::Error& e) {
    CHECK(std::string(e.what()) == "<stdin>:2: expected 2 columns, found 3");
  }
  ::unlink(path.c_str());
  DocumentReader missing({InputFile{"/nonexistent/x.conll", "x.conll"}}, InputFormat::Auto);
  CHECK_THROWS_WITH(missing.next(line), Catch::StartsWith("x.conll: cannot open"));
}
