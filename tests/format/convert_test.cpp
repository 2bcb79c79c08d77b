#include <catch2/catch.hpp>

#include <cstdlib>

#include "libner/format/ccks.h"
#include "libner/format/conll_spans.h"
#include "libner/format/convert.h"
#include "libner/io/error.h"
#include "libner/io/utf8.h"
#include "temp_files.h"

using format_test::exists;
using format_test::read_file;
using ner::Format;

namespace {

ner::Log quiet() {
  ner::Log log("test");
  log.set_quiet(true);
  return log;
}

// $NER_TESTDATA, or the project's testdata/ found from this file's path (catch_discover_tests
// passes only the first variable of a list to ENVIRONMENT).
std::string testdata(const std::string& name) {
  if (const char* dir = std::getenv("NER_TESTDATA")) return std::string(dir) + "/" + name;
  const std::string here = __FILE__;
  return here.substr(0, here.rfind("/tests/format/")) + "/testdata/" + name;
}

std::vector<ner::Document> read_docs(ner::DocumentReader&& reader) {
  std::vector<ner::Document> docs;
  ner::Document doc;
  while (reader.next(doc)) docs.push_back(doc);
  return docs;
}

}  // namespace

TEST_CASE("Formats and option checks", "[format][convert]") {
  CHECK(ner::parse_format("ccks") == Format::Ccks);
  CHECK(ner::format_name(Format::Brat) == "brat");
  CHECK_THROWS_AS(ner::parse_format("conllu"), ner::UsageError);
  ner::ConvertOptions o;
  o.to = Format::Cblue;
  CHECK_THROWS_AS(ner::check_options(o), ner::UsageError);
  o.to = Format::Conll;
  o.max_len = 100;
  CHECK_THROWS_AS(ner::check_options(o), ner::UsageError);  // conll input
  o.from = Format::Ccks;
  CHECK_NOTHROW(ner::check_options(o));
  o.overlaps = ner::OverlapPolicy::Keep;
  CHECK_THROWS_AS(ner::check_options(o), ner::UsageError);
  o.to = Format::Brat;
  o.max_len = -1;
  CHECK_THROWS_AS(ner::check_options(o), ner::UsageError);  // brat to stdout
}

TEST_CASE("ccks -> conll -> ccks keeps the sample except the trimmed entities", "[format][convert]") {
  const std::string dir = format_test::temp_dir();
  ner::ConvertOptions o;
  o.from = Format::Ccks;
  o.to = Format::Conll;
  o.inputs = {testdata("sample.ccks.jsonl")};
  o.output = dir + "/sample.conll";
  o.stats = true;
  const auto there = ner::convert(o, quiet());
  CHECK(there.documents == 20);
  CHECK(there.trimmed.count() == 2);
  CHECK(there.trimmed.first().line == 6);
  CHECK(there.stats.documents() == 20);
  CHECK(there.stats.entities() == 45);

  o.from = Format::Conll;
  o.to = Format::Ccks;
  o.inputs = {o.output};
  o.output = dir + "/back.ccks";
  const auto back = ner::convert(o, quiet());
  CHECK(back.documents == 20);
  CHECK_FALSE(back.ill_formed);

  const auto before = read_docs(ner::CcksReader(testdata("sample.ccks.jsonl")));
  const auto after = read_docs(ner::CcksReader(o.output));
  REQUIRE(before.size() == after.size());
  std::size_t changed = 0;
  for (std::size_t i = 0; i < before.size(); ++i) {
    CHECK(before[i].text == after[i].text);
    REQUIRE(before[i].entities.size() == after[i].entities.size());
    for (std::size_t k = 0; k < before[i].entities.size(); ++k) changed += !(before[i].entities[k] == after[i].entities[k]);
  }
  CHECK(changed == 2);
}

TEST_CASE("Label maps apply both ways and drop what maps to nothing", "[format][convert]") {
  const std::string dir = format_test::temp_dir();
  ner::ConvertOptions o;
  o.from = Format::Ccks;
  o.to = Format::Jsonl;
  o.inputs = {testdata("sample.ccks.jsonl")};
  o.output = dir + "/short.jsonl";
  o.map = ner::LabelMap::parse("疾病和诊断=DIS,解剖部位=ANAT,实验室检验=LAB,影像检查=IMG,药物=DRUG,手术=");
  const auto r = ner::convert(o, quiet());
  CHECK(r.unmapped.count() == 4);
  CHECK(read_file(o.output).find("\"label\": \"DIS\"") != std::string::npos);

  o.from = Format::Jsonl;
  o.to = Format::Ccks;
  o.inputs = {o.output};
  o.output = dir + "/long.ccks";
  o.map = ner::LabelMap::parse("DIS=疾病和诊断,ANAT=解剖部位,LAB=实验室检验,IMG=影像检查,DRUG=药物");
  ner::convert(o, quiet());
  const auto before = read_docs(ner::CcksReader(testdata("sample.ccks.jsonl")));
  const auto after = read_docs(ner::CcksReader(o.output));
  REQUIRE(before.size() == after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    auto kept = before[i].entities;
    kept.erase(std::remove_if(kept.begin(), kept.end(), [](const ner::Entity& e) { return e.label == "手术"; }), kept.end());
    CHECK(after[i].entities == kept);
  }
}

TEST_CASE("An empty input is an error", "[format][convert]") {
  ner::ConvertOptions o;
  o.from = Format::Ccks;
  o.to = Format::Jsonl;
  o.inputs = {format_test::write_temp("\n  \n")};
  o.output = o.inputs[0] + ".out";
  CHECK_THROWS_WITH(ner::convert(o, quiet()), o.inputs[0] + ": empty file");
  o.from = Format::Conll;
  o.to = Format::Conll;
  CHECK_THROWS_WITH(ner::convert(o, quiet()), o.inputs[0] + ": empty file");
  CHECK_FALSE(exists(o.output));
}

TEST_CASE("A failed conversion leaves no output file", "[format][convert]") {
  const std::string dir = format_test::temp_dir();
  ner::ConvertOptions o;
  o.from = Format::Ccks;
  o.to = Format::Conll;
  o.inputs = {testdata("sample.ccks.jsonl"), format_test::write_temp("{\"originalText\": \"a\"}\n{oops}\n")};
  o.output = dir + "/out.conll";
  CHECK_THROWS_WITH(ner::convert(o, quiet()), Catch::Contains("input:2: invalid JSON at byte 2"));
  CHECK_FALSE(exists(o.output));
  o.to = Format::Brat;
  o.output = dir + "/brat";
  CHECK_THROWS_AS(ner::convert(o, quiet()), ner::Error);
  CHECK_FALSE(exists(o.output));
  CHECK(read_file(dir).empty());
}

// The acceptance test on the real corpus: every entity of the 1000 records comes back
// exactly, except those the whitespace rule trims; those come back trimmed.
TEST_CASE("yidu-s4k: ccks -> conll -> ccks changes only the trimmed entities", "[format][convert][data]") {
  const char* data = std::getenv("NER_DATA");
  const std::string part1 = std::string(data ? data : "") + "/yidu-s4k/subtask1_training_part1.txt";
  const std::string part2 = std::string(data ? data : "") + "/yidu-s4k/subtask1_training_part2.txt";
  if (!data || !exists(part1) || !exists(part2)) {
    WARN("skipped: yidu-s4k not found under $NER_DATA");
    return;
  }
  const std::string dir = format_test::temp_dir();
  ner::ConvertOptions o;
  o.from = Format::Ccks;
  o.to = Format::Conll;
  o.inputs = {part1, part2};
  o.output = dir + "/yidu.conll";
  const auto there = ner::convert(o, quiet());
  CHECK(there.documents == 1000);
  CHECK(there.trimmed.count() == 87);
  CHECK_FALSE(there.blank);
  CHECK_FALSE(there.overlapping);

  auto before = read_docs(ner::CcksReader(part1));
  for (auto& d : read_docs(ner::CcksReader(part2))) before.push_back(d);
  const auto after = read_docs(ner::ConllDocumentReader(o.output, {}));
  REQUIRE(after.size() == 1000);
  std::size_t entities = 0, trimmed = 0;
  for (std::size_t i = 0; i < 1000; ++i) {
    REQUIRE(after[i].text == before[i].text);
    auto expected = before[i].entities;
    const auto cp = ner::utf8::code_point_offsets(before[i].text);
    for (auto& e : expected) {
      const auto start = e.start, end = e.end;
      while (before[i].text[cp[e.start]] == ' ') ++e.start;
      while (before[i].text[cp[e.end - 1]] == ' ') --e.end;
      trimmed += e.start != start || e.end != end;
    }
    std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    CHECK(after[i].entities == expected);
    entities += after[i].entities.size();
  }
  CHECK(entities == 17653);
  CHECK(trimmed == 87);
}
