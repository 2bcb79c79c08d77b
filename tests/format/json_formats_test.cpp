#include <catch2/catch.hpp>

#include "libner/format/cblue.h"
#include "libner/format/ccks.h"
#include "libner/format/jsonl.h"
#include "libner/io/error.h"
#include "temp_files.h"

using format_test::read_file;
using format_test::write_temp;
using ner::Document;
using ner::Entity;

namespace {

std::vector<Document> read_all(ner::DocumentReader& reader) {
  std::vector<Document> docs;
  Document doc;
  while (reader.next(doc)) docs.push_back(doc);
  return docs;
}

template <class Reader>
std::string error_of(const std::string& bytes) {
  const std::string path = write_temp(bytes);
  try {
    Reader reader(path);
    read_all(reader);
  } catch (const ner::Error& e) {
    return std::to_string(e.line()) + ": " + e.message();
  }
  return "no error";
}

}  // namespace

TEST_CASE("JSON strings are written as Python's json.dumps(ensure_ascii=False) writes them", "[format][json]") {
  std::string out;
  ner::json::append_string(out, "a\"b\\c\n\t\x01中\xEE\x88\xB6");
  CHECK(out == "\"a\\\"b\\\\c\\n\\t\\u0001中\xEE\x88\xB6\"");
}

TEST_CASE("JSON offsets are non-negative integers or digit strings", "[format][json]") {
  const ner::Origin at{"f", 3};
  CHECK(ner::json::get_offset(nlohmann::json(12), "x", at) == 12);
  CHECK(ner::json::get_offset(nlohmann::json("12"), "x", at) == 12);
  CHECK_THROWS_AS(ner::json::get_offset(nlohmann::json(-1), "x", at), ner::Error);
  CHECK_THROWS_AS(ner::json::get_offset(nlohmann::json(1.5), "x", at), ner::Error);
  CHECK_THROWS_AS(ner::json::get_offset(nlohmann::json("1a"), "x", at), ner::Error);
}

TEST_CASE("ccks: reads yidu-s4k records, BOM, CRLF and blank lines included", "[format][ccks]") {
  const std::string path = write_temp(
      "\xEF\xBB\xBF{\"originalText\": \"患者 直肠癌\", \"entities\": [{\"end_pos\": 6, \"label_type\": \"疾病和诊断\", "
      "\"overlap\": 0, \"start_pos\": 3}]}\r\n\r\n{\"originalText\": \"无\", \"entities\": []}\n");
  ner::CcksReader reader(path);
  const auto docs = read_all(reader);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].text == "患者 直肠癌");
  CHECK(docs[0].id == path + ":1");  // ccks has no ids: where the record starts
  CHECK(docs[1].id == path + ":3");
  CHECK(docs[0].entities == std::vector<Entity>{{3, 6, "疾病和诊断"}});
  CHECK(docs[1].entities.empty());
  CHECK(reader.origin().line == 3);
}

TEST_CASE("ccks: writes records back in their own shape", "[format][ccks]") {
  const std::string line =
      "{\"originalText\": \"予\\\"胰岛素\\\"\", \"entities\": [{\"label_type\": \"药物\", \"overlap\": 0, "
      "\"start_pos\": 2, \"end_pos\": 5}]}\n";
  const std::string in = write_temp(line);
  const std::string out = in + ".out";
  {
    ner::CcksReader reader(in);
    ner::CcksWriter writer(out);
    Document doc;
    while (reader.next(doc)) writer.write(doc, reader.origin());
    writer.commit();
  }
  CHECK(read_file(out) == line);
}

TEST_CASE("ccks: bad records are errors that name the line", "[format][ccks]") {
  using R = ner::CcksReader;
  CHECK(error_of<R>("{\"originalText\": \"ab\"}\n{\"originalText\": \"ab\", \"entities\": [{\"label_type\": \"X\", "
                    "\"start_pos\": 1, \"end_pos\": 3}]}\n") ==
        "2: entity [1, 3) 'X' is out of range: the text has 2 characters");
  CHECK(error_of<R>("{\"originalText\": \"ab\", \"entities\": [{\"label_type\": \"X\", \"start_pos\": 1, \"end_pos\": 1}]}") ==
        "1: entity [1, 1) 'X' is empty or reversed");
  CHECK(error_of<R>("\n{\"originalText\": \"ab\",}\n") ==
        "2: invalid JSON at byte 23: syntax error while parsing object key - unexpected '}'; expected string literal");
  CHECK(error_of<R>("[1]\n") == "1: expected a JSON object, found array");
  CHECK(error_of<R>("{\"text\": \"ab\"}\n") == "1: missing \"originalText\"");
  CHECK(error_of<R>("{\"originalText\": \"ab\", \"entities\": [{\"label_type\": \"X\", \"start_pos\": -1, \"end_pos\": 1}]}") ==
        "1: entity 1 start_pos is not a non-negative integer: -1");
}

TEST_CASE("jsonl: reads ids and doccano's variants, writes the plain shape", "[format][jsonl]") {
  const std::string in = write_temp(
      "{\"id\": \"a1\", \"text\": \"头痛3天\", \"entities\": [{\"start\": 0, \"end\": 2, \"label\": \"symptom\"}]}\n"
      "{\"id\": 7, \"text\": \"予布洛芬\", \"label\": [[1, 4, \"drug\"]]}\n"
      "{\"text\": \"胸部CT\", \"entities\": [{\"id\": 1, \"label\": \"test\", \"start_offset\": 0, \"end_offset\": 4}]}\n");
  ner::JsonlReader reader(in);
  const auto docs = read_all(reader);
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == "a1");
  CHECK(docs[1].id == "7");
  CHECK(docs[1].entities == std::vector<Entity>{{1, 4, "drug"}});
  CHECK(docs[2].id == in + ":3");
  CHECK(docs[2].entities == std::vector<Entity>{{0, 4, "test"}});

  const std::string out = in + ".out";
  ner::JsonlWriter writer(out);
  writer.write(docs[1], {});
  writer.commit();
  CHECK(read_file(out) == "{\"id\": \"7\", \"text\": \"予布洛芬\", \"entities\": [{\"start\": 1, \"end\": 4, \"label\": \"drug\"}]}\n");
}

TEST_CASE("jsonl: malformed entities are errors", "[format][jsonl]") {
  using R = ner::JsonlReader;
  CHECK(error_of<R>("{\"text\": \"ab\", \"entities\": [[0, 1]]}") == "1: entity 1 is not [start, end, \"label\"]");
  CHECK(error_of<R>("{\"text\": \"ab\", \"entities\": [{\"start\": 0, \"label\": \"X\"}]}") ==
        "1: entity 1 lacks \"start\" or \"end\"");
  CHECK(error_of<R>("{\"text\": \"ab\", \"id\": [1]}") == "1: \"id\" is neither a string nor an integer");
  CHECK(error_of<R>("{\"text\": \"中文\", \"entities\": [{\"start\": 0, \"end\": 3, \"label\": \"X\"}]}") ==
        "1: entity [0, 3) 'X' is out of range: the text has 2 characters");
}

TEST_CASE("cblue: spans from mention and offset, mentions not in the text dropped", "[format][cblue]") {
  const std::string in = write_temp(
      "{\"mention_data\": [{\"mention\": \"便秘\", \"type\": \"disease\", \"offset\": \"0\"}, "
      "{\"mention\": \"便秘\", \"type\": \"disease\", \"offset\": 5}], \"text\": \"便秘两月，便秘了\"}\n"
      "{\"mention_data\": [{\"mention\": \"HBVDNA\", \"type\": \"test\", \"offset\": 1}, "
      "{\"mention\": \"下颌骨\", \"type\": \"body\", \"offset\": 8}, "
      "{\"mention\": \"头孢\", \"type\": \"drug\", \"offset\": 0}], \"text\": \"查hbvdna，下颌骨\"}\n");
  ner::CblueReader reader(in);
  const auto docs = read_all(reader);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].entities == std::vector<Entity>{{0, 2, "disease"}, {5, 7, "disease"}});
  // HBVDNA differs from the text only in case and stays where its offset says.
  CHECK(docs[1].entities == std::vector<Entity>{{1, 7, "test"}, {8, 11, "body"}});
  CHECK(reader.moved().count() == 0);
  CHECK(reader.unmatched().count() == 1);
  CHECK(reader.unmatched().first().line == 2);
}

TEST_CASE("cblue: a shifted offset moves to the nearest occurrence", "[format][cblue]") {
  const std::string in = write_temp(
      "{\"mention_data\": [{\"mention\": \"颞颌关节\", \"type\": \"body\", \"offset\": 6}], "
      "\"text\": \"颞颌关节痛，左颞颌关节痛\"}\n");
  ner::CblueReader reader(in);
  const auto docs = read_all(reader);
  CHECK(docs[0].entities == std::vector<Entity>{{7, 11, "body"}});
  CHECK(reader.moved().count() == 1);
}
