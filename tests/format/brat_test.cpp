#include <catch2/catch.hpp>

#include <fstream>

#include "libner/format/brat.h"
#include "libner/io/error.h"
#include "temp_files.h"

using format_test::exists;
using format_test::read_file;
using format_test::temp_dir;
using ner::Document;
using ner::Entity;

namespace {

void put(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

}  // namespace

TEST_CASE("brat: reads .txt/.ann pairs in name order, skipping non-entities and counting fragments", "[format][brat]") {
  const std::string dir = temp_dir();
  put(dir + "/b.txt", "左膝关节疼痛，右膝关节肿胀。");
  put(dir + "/b.ann", "T1\t解剖部位 0 1;2 4\t左 关节\nT2\t解剖部位 7 11\t右膝关节\nA1\tNegated T2\n");
  put(dir + "/a.txt", "患者因直肠癌入院。\r\n行直肠癌根治术。\r\n");
  put(dir + "/a.ann", "T1\t疾病和诊断 3 6\t直肠癌\nR1\tTreats Arg1:T2 Arg2:T1\t\n#1\tAnnotatorNotes T1\tnote\n"
                      "T2\t手术 12 18\t直肠癌根治术\n");
  put(dir + "/notes.md", "not a document");
  ner::BratReader reader(dir);
  Document doc;
  REQUIRE(reader.next(doc));
  CHECK(doc.id == "a");
  CHECK(doc.text == "患者因直肠癌入院。\r\n行直肠癌根治术。\r\n");  // offsets count the CR, as brat does
  CHECK(doc.entities == std::vector<Entity>{{3, 6, "疾病和诊断"}, {12, 18, "手术"}});
  REQUIRE(reader.next(doc));
  CHECK(doc.id == "b");
  CHECK(doc.entities == std::vector<Entity>{{7, 11, "解剖部位"}});
  CHECK_FALSE(reader.next(doc));
  CHECK(reader.discontinuous().count() == 1);
  CHECK(reader.discontinuous().first().str() == dir + "/b.ann:1");
}

TEST_CASE("brat: a text field that does not match, bad offsets and a missing .ann are errors", "[format][brat]") {
  const std::string dir = temp_dir();
  put(dir + "/a.txt", "直肠癌");
  Document doc;
  SECTION("mismatch") {
    put(dir + "/a.ann", "T1\tX 0 2\t肠癌\n");
    ner::BratReader reader(dir);
    CHECK_THROWS_WITH(reader.next(doc), Catch::Contains("a.ann:1: the text '肠癌' differs from the text at 0-2"));
  }
  SECTION("range") {
    put(dir + "/a.ann", "T1\tX 1 4\t肠癌\n");
    ner::BratReader reader(dir);
    CHECK_THROWS_WITH(reader.next(doc), Catch::EndsWith("a.ann:1: entity [1, 4) 'X' is out of range: the text has 3 characters"));
  }
  SECTION("syntax") {
    put(dir + "/a.ann", "T1\tX 1\t肠癌\n");
    ner::BratReader reader(dir);
    CHECK_THROWS_WITH(reader.next(doc), Catch::EndsWith("a.ann:1: expected 'type start end', found 'X 1'"));
  }
  SECTION("missing") {
    ner::BratReader reader(dir);
    CHECK_THROWS_WITH(reader.next(doc), Catch::EndsWith("a.ann: cannot open: No such file or directory"));
  }
  CHECK_THROWS_WITH(ner::BratReader(dir + "/none"), Catch::EndsWith("none: cannot open: No such file or directory"));
}

TEST_CASE("brat: the writer leaves files only on commit", "[format][brat]") {
  const std::string dir = temp_dir() + "/out";
  Document doc{"emr/1", "患者因直肠癌\n入院", {{3, 6, "疾病和诊断"}, {5, 8, "X"}}};
  {
    ner::BratWriter writer(dir);
    writer.write(doc, {});
  }
  CHECK_FALSE(exists(dir));
  {
    ner::BratWriter writer(dir);
    writer.write(doc, {});
    CHECK_THROWS_WITH(writer.write(doc, {"in", 2}), "in:2: two documents would be brat file 1.txt (document id 'emr/1')");
    writer.commit();
  }
  CHECK(read_file(dir + "/1.txt") == doc.text);
  CHECK(read_file(dir + "/1.ann") == "T1\t疾病和诊断 3 6\t直肠癌\nT2\tX 5 8\t癌 入\n");
  ner::BratReader reader(dir);
  Document back;
  REQUIRE(reader.next(back));
  CHECK(back.entities == doc.entities);
}
