#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "libner/io/error.h"
#include "libner/io/output.h"
#include "libner/text/raw_reader.h"
#include "libner/text/tokenize_stream.h"

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/ner-text-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string file(const std::string& name, const std::string& bytes) const {
    const std::string p = path + "/" + name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// What write_tokenized_document should write, from tokenize() and split_sentences().
std::string expected_stream(const std::string& id, const std::string& text, const ner::TokenizerOptions& tok,
                            const ner::SentenceSplitOptions& split) {
  const auto tokens = ner::tokenize(text, tok);
  if (tokens.empty()) return "";
  std::string out = "# doc = " + id + "\n";
  for (auto [b, e] : ner::split_sentences(tokens, text, split)) {
    for (std::size_t i = b; i < e; ++i)
      out += tokens[i].text + "\t" + std::to_string(tokens[i].start) + "\t" + std::to_string(tokens[i].end) + "\n";
    out += "\n";
  }
  return out;
}

std::vector<ner::RawDocument> read_all(const std::vector<std::string>& paths, const ner::RawInputOptions& options) {
  ner::RawReader reader(paths, options);
  std::vector<ner::RawDocument> docs;
  ner::RawDocument d;
  while (reader.next(d)) {
    docs.push_back(d);
    docs.back().text = {};  // a view: not valid after the next call
  }
  return docs;
}

}  // namespace

TEST_CASE("the streaming writer cuts where split_sentences does", "[text][stream]") {
  TempDir dir;
  std::mt19937 rng(99);
  const std::vector<std::string> alphabet = {"患", "者", "。", "，", "、", "！", "”", " ", "\n", "\r\n", "a",
                                             "1", "Ｃ", "\xE3\x80\x80", "\xF0\x9F\x98\x80"};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    for (int i = 0, n = 1 + round % 80; i < n; ++i) text += alphabet[pick(rng)];
    ner::TokenizerOptions tok;
    tok.group_ascii = round % 2;
    tok.normalization = round % 3 == 0 ? ner::Normalization::NFKC : ner::Normalization::None;
    ner::SentenceSplitOptions split;
    split.max_len = round % 5 == 0 ? 0 : 1 + round % 13;
    split.at_punctuation = round % 7 != 0;
    split.pack = round % 4 == 0;
    const std::string path = dir.path + "/out.tok";
    {
      ner::OutputFile out(path);
      ner::SentenceSplitter splitter(split);
      ner::TokenizeStats stats;
      ner::write_tokenized_document(out, "d", text, tok, splitter, stats);
      out.commit();
    }
    INFO("text: " << text);
    REQUIRE(slurp(path) == expected_stream("d", text, tok, split));
  }
}

TEST_CASE("raw documents: ids and layouts", "[text][raw]") {
  TempDir dir;
  const std::string lines = dir.file("a.txt", "\xEF\xBB\xBF" "one\r\n\ntwo");
  auto docs = read_all({lines}, {});
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == lines + ":1");
  CHECK(docs[2].id == lines + ":3");
  CHECK(docs[2].line == 3);

  ner::RawInputOptions json;
  json.layout = ner::RawLayout::JsonLines;
  json.text_field = "originalText";
  const std::string j = dir.file("b.jsonl",
                                 "{\"originalText\": \"x\", \"id\": \"r\\n1\"}\n\n{\"originalText\": \"y\", \"id\": 7}\n"
                                 "{\"originalText\": \"z\"}\n");
  docs = read_all({j}, json);
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == "r 1");  // a line break in an id would break `# doc = ID`
  CHECK(docs[1].id == "7");
  CHECK(docs[2].id == j + ":4");

  ner::RawInputOptions whole;
  whole.layout = ner::RawLayout::WholeFile;
  const std::string w = dir.file("c.txt", "line 1\nline 2\n");
  docs = read_all({w, lines}, whole);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].id == w);
  CHECK(docs[1].id == lines);
}

TEST_CASE("raw documents: bad input names file and line", "[text][raw]") {
  TempDir dir;
  ner::RawInputOptions json;
  json.layout = ner::RawLayout::JsonLines;
  const std::string bad = dir.file("bad.jsonl", "{\"text\": \"ok\"}\n{\"text\": }\n");
  try {
    read_all({bad}, json);
    FAIL("no error");
  } catch (const ner::Error& e) {
    CHECK(e.line() == 2);
    CHECK(e.file() == bad);
  }
  CHECK_THROWS_WITH(read_all({dir.file("e.txt", "")}, {}), Catch::Contains("empty file"));
  CHECK_THROWS_WITH(read_all({dir.file("nl.txt", "\n\r\n")}, {}), Catch::Contains("empty file"));
  CHECK_THROWS_WITH(read_all({dir.path + "/missing"}, {}), Catch::Contains("cannot open"));
  CHECK_THROWS_WITH(read_all({dir.file("u.txt", "ok\n\xC3(\n")}, {}), Catch::Contains("u.txt:2: invalid UTF-8"));
}
