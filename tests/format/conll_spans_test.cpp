#include <catch2/catch.hpp>

#include "libner/format/conll_spans.h"
#include "libner/io/error.h"
#include "temp_files.h"

using format_test::read_file;
using format_test::write_temp;
using ner::Document;
using ner::Entity;

namespace {

std::vector<Document> read_stream(const std::string& bytes, const ner::StreamReadOptions& options = {}) {
  ner::ConllDocumentReader reader(write_temp(bytes), options);
  std::vector<Document> docs;
  Document doc;
  while (reader.next(doc)) docs.push_back(doc);
  return docs;
}

std::string write_stream(const std::vector<Document>& docs, const ner::StreamWriteOptions& options = {},
                         ner::CorpusStats* stats = nullptr) {
  const std::string path = format_test::temp_dir() + "/out.conll";
  ner::ConllDocumentWriter writer(std::make_unique<ner::OutputFile>(path), options, stats);
  for (const auto& d : docs) writer.write(d, {"in", 1});
  writer.commit();
  return read_file(path);
}

}  // namespace

TEST_CASE("The whitespace rule trims entity ends and drops blank entities", "[format][conll_spans]") {
  Document doc{"1", "患者 直肠癌 \t入院\xE3\x80\x80好", {{2, 6, "D"}, {3, 7, "D"}, {2, 3, "X"}, {6, 8, "X"}, {10, 12, "A"}}};
  ner::Tally trimmed, blank;
  ner::trim_entities(doc, {"f", 4}, trimmed, blank);
  // U+3000 is a token, not a separator: [10, 12) stays.
  CHECK(doc.entities == std::vector<Entity>{{3, 6, "D"}, {3, 6, "D"}, {10, 12, "A"}});
  CHECK(trimmed.count() == 2);
  CHECK(blank.count() == 2);
  CHECK(blank.first().str() == "f:4");
}

TEST_CASE("Stream helpers: offsets, label columns, doc comments", "[format][conll_spans]") {
  CHECK(ner::has_offsets({"患", "0", "1", "O"}));
  CHECK(ner::has_offsets({"患", "3", "4"}));
  CHECK_FALSE(ner::has_offsets({"患", "1", "1", "O"}));
  CHECK_FALSE(ner::has_offsets({"EU", "NNP", "I-NP", "I-ORG"}));
  CHECK_FALSE(ner::has_offsets({"患", "O"}));
  CHECK(ner::has_label_column(4, true));
  CHECK_FALSE(ner::has_label_column(3, true));
  CHECK(ner::has_label_column(2, false));
}

TEST_CASE("Documents become one token per character with offsets and labels", "[format][conll_spans]") {
  ner::CorpusStats stats;
  const std::string out = write_stream({{"d1", " 患者 CT。", {{1, 3, "P"}, {4, 6, "I"}}}, {"d2", "  ", {}}},
                                       {ner::Scheme::IOBES, -1, {}}, &stats);
  CHECK(out ==
        "# doc = d1\n患\t1\t2\tB-P\n者\t2\t3\tE-P\nC\t4\t5\tB-I\nT\t5\t6\tE-I\n。\t6\t7\tO\n\n"
        "# doc = d2\n");
  CHECK(stats.documents() == 2);
  CHECK(stats.sentences() == 1);
  CHECK(stats.tokens() == 5);
  CHECK(stats.entities_per_type() == std::map<std::string, std::size_t>{{"I", 1}, {"P", 1}});
}

TEST_CASE("A maximum length cuts documents into sentences that keep document offsets", "[format][conll_spans]") {
  const std::string out = write_stream({{"d", "头痛。予布洛芬。", {{3, 6, "M"}}}}, {ner::Scheme::IOB2, 0, {}});
  CHECK(out ==
        "# doc = d\n头\t0\t1\tO\n痛\t1\t2\tO\n。\t2\t3\tO\n\n"
        "予\t3\t4\tB-M\n布\t4\t5\tI-M\n洛\t5\t6\tI-M\n芬\t6\t7\tO\n。\t7\t8\tO\n\n");
  // ...and join back into the document.
  const auto docs = read_stream(out);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].text == "头痛。予布洛芬。");
  CHECK(docs[0].entities == std::vector<Entity>{{3, 6, "M"}});
}

TEST_CASE("A stream with offsets rebuilds the text, gaps as spaces", "[format][conll_spans]") {
  const auto docs = read_stream(
      "# doc = a\n患\t1\t2\tB-X\n者\t2\t3\tI-X\n\n直\t5\t6\tO\n\n# doc = empty\n# doc = c\n好\t0\t1\tS-Y\n\n");
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == "a");
  CHECK(docs[0].text == " 患者  直");
  CHECK(docs[0].entities == std::vector<Entity>{{1, 3, "X"}});
  CHECK(docs[1].id == "empty");
  CHECK(docs[1].text.empty());
  CHECK(docs[2].id == "c");
  CHECK(docs[2].entities == std::vector<Entity>{{0, 1, "Y"}});
}

TEST_CASE("Documents survive the round trip through the stream", "[format][conll_spans]") {
  const std::vector<Document> docs{{"1", "  患者因“直肠 癌”入院。", {{7, 11, "疾病和诊断"}, {2, 4, "P"}}},
                                   {"2", "", {}},
                                   {"x y", "CT示\xEE\x88\xB6结节", {{0, 2, "影像检查"}}}};
  const auto back = read_stream(write_stream(docs));
  REQUIRE(back.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(back[i].id == docs[i].id);
    CHECK(back[i].text == docs[i].text);
  }
  CHECK(back[0].entities == std::vector<Entity>{{2, 4, "P"}, {7, 11, "疾病和诊断"}});
  CHECK(back[2].entities == docs[2].entities);
}

TEST_CASE("Without offsets or markers each sentence is a document, tokens joined", "[format][conll_spans]") {
  ner::StreamReadOptions options;
  options.joiner = " ";
  const auto docs = read_stream("EU I-ORG\nrejects O\n\nPeter B-PER\nBlackburn I-PER\n", options);
  REQUIRE(docs.size() == 2);
  CHECK_THAT(docs[0].id, Catch::EndsWith("/input:1"));
  CHECK_THAT(docs[1].id, Catch::EndsWith("/input:4"));
  CHECK(docs[0].text == "EU rejects");
  CHECK(docs[1].text == "Peter Blackburn");
  CHECK(docs[1].entities == std::vector<Entity>{{0, 15, "PER"}});
}

TEST_CASE("A -DOCSTART- line starts a document and sentences after a marker continue it", "[format][conll_spans]") {
  ner::StreamReadOptions options;
  options.joiner = " ";
  options.dialect.scheme = ner::Scheme::IOB1;
  const auto docs = read_stream(
      "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\n. . O O\n\nParis NNP I-NP I-LOC\nLyon NNP I-NP B-LOC\n\n"
      "-DOCSTART- -X- O O\n# doc = named\n\nNice NNP I-NP I-LOC\n\n-DOCSTART- -X- O O\n\n",
      options);
  REQUIRE(docs.size() == 2);  // the trailing -DOCSTART- holds nothing and makes no document
  CHECK(docs[0].text == "EU . Paris Lyon");
  CHECK(docs[0].entities == std::vector<Entity>{{0, 2, "ORG"}, {5, 10, "LOC"}, {11, 15, "LOC"}});
  CHECK(docs[1].id == "named");
  CHECK(docs[1].text == "Nice");
}

TEST_CASE("A repeated doc comment of the document going on continues it", "[format][conll_spans]") {
  const auto docs = read_stream("# doc = a\n头\t0\t1\tO\n\n# doc = a\n痛\t2\t3\tS-X\n\n# doc = b\n好\t0\t1\tO\n\n");
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].text == "头 痛");
  CHECK(docs[0].entities == std::vector<Entity>{{2, 3, "X"}});
}

TEST_CASE("A sentence whose offsets go back starts a document of its own", "[format][conll_spans]") {
  // Sentences of two documents after a split by sentence: the second loses its `# doc` line.
  ner::ConllDocumentReader reader(write_temp("# doc = a\n头\t5\t6\tB-X\n\n# doc = b\n痛\t7\t8\tO\n\n予\t2\t3\tS-Y\n\n"), {});
  std::vector<Document> docs;
  Document doc;
  while (reader.next(doc)) docs.push_back(doc);
  REQUIRE(docs.size() == 3);
  CHECK(docs[1].text == "       痛");
  CHECK(docs[2].text == "  予");
  CHECK_THAT(docs[2].id, Catch::EndsWith("input:7"));
  CHECK(docs[2].entities == std::vector<Entity>{{2, 3, "Y"}});
  CHECK(reader.restarted().count() == 1);
}

TEST_CASE("Stream errors and refitted tokens", "[format][conll_spans]") {
  CHECK_THROWS_WITH(read_stream("# doc = a\n患\t0\t1\tO\n者\t0\t2\tO\n"),  // within a sentence
                    Catch::EndsWith(":3: the offsets 0-2 go back into the text before (it reaches 1)"));
  CHECK_THROWS_WITH(read_stream("患\t0\t1\tO\n者\tx\t2\tO\n"),
                    Catch::EndsWith(":2: expected offsets 'start end' with start < end in columns 2 and 3"));
  CHECK_THROWS_WITH(read_stream("患\t0\t1\tO\n者\t1\tO\n"), Catch::EndsWith(":2: expected 4 columns, found 3"));
  ner::ConllDocumentReader reader(write_temp("# doc = a\nkg\t0\t1\tO\n㎏\t1\t3\tB-U\n\n"), {});
  Document doc;
  REQUIRE(reader.next(doc));
  CHECK(doc.text == "k㎏ ");
  CHECK(doc.entities == std::vector<Entity>{{1, 3, "U"}});
  CHECK(reader.refitted().count() == 2);
}

TEST_CASE("Weibo tokens lose their position digit on the way to text", "[format][conll_spans]") {
  ner::StreamReadOptions options;
  options.dialect.strip_position_digit = true;
  const auto docs = read_stream("北0\tB-GPE.NAM\n京1\tI-GPE.NAM\n20\tO\n", options);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].text == "北京2");
  CHECK(docs[0].entities == std::vector<Entity>{{0, 2, "GPE.NAM"}});
}
