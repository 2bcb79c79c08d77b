// The training corpus: reading, cutting long sentences outside entities, labels and schemes.
#include <catch2/catch.hpp>

#include <fstream>
#include <unistd.h>

#include "libner/io/error.h"
#include "libner/train/corpus.h"

namespace {

std::string write_temp(const std::string& bytes) {
  char tmpl[] = "/tmp/ner-corpus-test-XXXXXX";
  int fd = ::mkstemp(tmpl);
  REQUIRE(fd >= 0);
  ::close(fd);
  std::ofstream(tmpl, std::ios::binary) << bytes;
  return tmpl;
}

ner::LabelledCorpus one(const std::vector<std::string>& tokens, const std::vector<std::string>& labels) {
  ner::LabelledCorpus c;
  c.tokens.push_back(tokens);
  c.labels.push_back(labels);
  return c;
}

}  // namespace

TEST_CASE("the corpus takes the first column as token and the last as label", "[train][corpus]") {
  auto path = write_temp("# doc = 1\n患\t0\t1\tB-X\n者\t1\t2\tI-X\n\n-DOCSTART- O\n\n好\t0\t1\tO\n");
  auto c = ner::read_labelled_corpus(path);
  REQUIRE(c.size() == 2);
  CHECK(c.tokens[0] == std::vector<std::string>{"患", "者"});
  CHECK(c.labels[0] == std::vector<std::string>{"B-X", "I-X"});
  CHECK(c.token_count() == 3);
  CHECK(ner::collect_labels(c) == std::vector<std::string>{"O", "B-X", "I-X"});
  ::unlink(path.c_str());
}

TEST_CASE("a token line without a label column is an error naming the line", "[train][corpus]") {
  auto path = write_temp("a\nb\n");
  try {
    ner::read_labelled_corpus(path);
    FAIL("no error");
  } catch (const ner::Error& e) {
    CHECK(e.line() == 1);
    CHECK(std::string(e.what()).find("label column") != std::string::npos);
  }
  ::unlink(path.c_str());
}

TEST_CASE("long sentences are cut by ner-tokenize's splitter, never inside an entity", "[train][corpus]") {
  //           0     1     2     3     4     5     6     7     8     9
  auto c = one({"患", "者", "，", "右", "肺", "癌", "术", "后", "复", "查"},
               {"O", "O", "O", "B-X", "I-X", "I-X", "O", "B-Y", "I-Y", "O"});
  CHECK(ner::cut_long_sentences(c, 5) == 2);
  REQUIRE(c.size() == 3);
  CHECK(c.tokens[0] == std::vector<std::string>{"患", "者", "，"});  // after the comma
  CHECK(c.tokens[1] == std::vector<std::string>{"右", "肺", "癌", "术"});  // not inside Y
  CHECK(c.labels[2] == std::vector<std::string>{"B-Y", "I-Y", "O"});
  for (std::size_t s = 0; s < c.size(); ++s) CHECK(c.tokens[s].size() <= 5);
}

TEST_CASE("sentence ends come before commas, and short sentences are packed together", "[train][corpus]") {
  //           0     1     2     3     4     5     6     7     8     9     10
  auto c = one({"咳", "嗽", "。", "发", "热", "，", "乏", "力", "。", "好", "转"},
               {"B-S", "I-S", "O", "B-S", "I-S", "O", "B-S", "I-S", "O", "O", "O"});
  CHECK(ner::cut_long_sentences(c, 8) == 1);
  REQUIRE(c.size() == 2);
  // Cut at a sentence end, not at the comma; the last two sentences fit together in 8 tokens.
  CHECK(c.tokens[0] == std::vector<std::string>{"咳", "嗽", "。"});
  CHECK(c.tokens[1].size() == 8);
  CHECK(c.labels[1].front() == "B-S");
  auto short_one = one({"咳", "。", "热"}, {"O", "O", "O"});
  CHECK(ner::cut_long_sentences(short_one, 3) == 0);  // within the limit: left whole
  CHECK(short_one.size() == 1);
}

TEST_CASE("a 1,500-character record is cut for BERT into whole pieces that join back", "[train][corpus]") {
  std::vector<std::string> toks, labs;
  const std::vector<std::string> clause = {"患", "者", "右", "肺", "癌", "术", "后", "，", "无", "发", "热", "。"};
  for (int i = 0; toks.size() < 1500; ++i)
    for (std::size_t j = 0; j < clause.size(); ++j) {
      toks.push_back(clause[j]);
      labs.push_back(j == 2 ? "B-D" : j == 3 || j == 4 ? "I-D" : "O");
    }
  auto c = one(toks, labs);
  const auto before = ner::decode(labs).size();
  CHECK(ner::cut_long_sentences(c, 510) == 2);
  std::vector<std::string> joined_tokens, joined_labels;
  std::size_t entities = 0;
  for (std::size_t s = 0; s < c.size(); ++s) {
    CHECK(c.tokens[s].size() <= 510);
    CHECK(c.tokens[s].back() == "。");  // at sentence ends
    entities += ner::decode(c.labels[s]).size();
    joined_tokens.insert(joined_tokens.end(), c.tokens[s].begin(), c.tokens[s].end());
    joined_labels.insert(joined_labels.end(), c.labels[s].begin(), c.labels[s].end());
  }
  CHECK(entities == before);  // none cut in two
  CHECK(joined_tokens == toks);
  CHECK(joined_labels == labs);
}

TEST_CASE("an entity longer than the limit is cut where it must be", "[train][corpus]") {
  auto c = one({"a", "b", "c", "d"}, {"B-X", "I-X", "I-X", "I-X"});
  CHECK(ner::cut_long_sentences(c, 3) == 1);
  CHECK(c.size() == 2);
  CHECK(c.tokens[0].size() == 3);
}

TEST_CASE("the scheme is detected from the labels", "[train][corpus]") {
  using ner::Scheme;
  CHECK(ner::detect_scheme(one({"a", "b"}, {"B-X", "I-X"})) == Scheme::IOB2);
  CHECK(ner::detect_scheme(one({"a", "b"}, {"B-X", "E-X"})) == Scheme::IOBES);
  CHECK(ner::detect_scheme(one({"a"}, {"U-X"})) == Scheme::BILOU);
  CHECK(ner::detect_scheme(one({"a", "b", "c"}, {"B-X", "M-X", "E-X"})) == Scheme::BMES);
  CHECK(ner::detect_scheme(one({"a", "b"}, {"I-X", "I-X"})) == Scheme::IOB1);
  CHECK(ner::count_ill_formed(one({"a", "b"}, {"O", "I-X"}), Scheme::IOB2) == 1);
}
