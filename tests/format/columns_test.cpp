#include <catch2/catch.hpp>

#include <fstream>

#include "libner/format/columns.h"
#include "libner/format/label_map.h"
#include "libner/format/overlaps.h"
#include "libner/io/error.h"
#include "temp_files.h"

using ner::Entity;
using ner::OverlapPolicy;
using ner::Scheme;
using ner::Span;

TEST_CASE("Weibo's word-position digit is stripped", "[format][columns]") {
  std::string t = "科0";
  ner::strip_position_digit(t);
  CHECK(t == "科");
  t = "21";  // the digit 2 at position 1
  ner::strip_position_digit(t);
  CHECK(t == "2");
  t = "7";
  ner::strip_position_digit(t);
  CHECK(t == "7");
}

TEST_CASE("LabelDecoder reads the conlleval way and counts ill-formed labels", "[format][columns]") {
  const std::vector<std::size_t> lines{10, 11, 12, 13, 14};
  SECTION("IOB2") {
    ner::LabelDecoder d({Scheme::IOB2, '-', false});
    CHECK(d.decode({"O", "I-X", "I-X", "B-Y", "I-Z"}, "f", lines) == std::vector<Span>{{1, 3, "X"}, {3, 4, "Y"}, {4, 5, "Z"}});
    CHECK(d.ill_formed().count() == 2);
    CHECK(d.ill_formed().first().str() == "f:11");
    CHECK(d.first_problem() == "'I-X' after 'O' is not well-formed iob2");
    d.decode({"I-X"}, "f", {3});
    CHECK(d.ill_formed().count() == 3);
  }
  SECTION("BMES, cMedQANER's separator") {
    ner::LabelDecoder d({Scheme::BMES, '_', false});
    CHECK(d.decode({"B_a", "M_a", "E_a", "S_b", "O"}, "f", lines) == std::vector<Span>{{0, 3, "a"}, {3, 4, "b"}});
    CHECK(d.ill_formed().count() == 0);
    d.decode({"O", "B_a", "M_a"}, "f", lines);
    CHECK(d.ill_formed().count() == 1);
    CHECK(d.first_problem() == "'M_a' at the end of a sentence is not well-formed bmes");
  }
  SECTION("a prefix the scheme does not use is one problem, not two") {
    ner::LabelDecoder d({Scheme::IOB2, '-', false});
    CHECK(d.decode({"S-X", "O"}, "f", lines) == std::vector<Span>{{0, 1, "X"}});
    CHECK(d.ill_formed().count() == 1);
    CHECK(d.first_problem() == "'S-X' is not a label of iob2");
  }
  SECTION("a label without a type") {
    ner::LabelDecoder d({Scheme::IOB2, '-', false});
    CHECK_THROWS_WITH(d.decode({"O", "B-"}, "f", lines), "f:11: the label 'B-' has no entity type");
  }
}

TEST_CASE("LabelMap: lists, files, dropping and errors", "[format][label_map]") {
  const auto map = ner::LabelMap::parse("疾病和诊断=DIS, 解剖部位=ANAT,药物=");
  CHECK(map("疾病和诊断") == "DIS");
  CHECK(map("解剖部位") == "ANAT");
  CHECK(map("药物").empty());
  CHECK(map("手术") == "手术");
  const std::string file = format_test::write_temp("# reverse\nDIS\t疾病和诊断\n\nANAT = 解剖部位\n");
  const auto reverse = ner::LabelMap::parse(file);
  CHECK(reverse.size() == 2);
  CHECK(reverse("ANAT") == "解剖部位");
  CHECK_THROWS_AS(ner::LabelMap::parse("DIS"), ner::UsageError);
  CHECK_THROWS_AS(ner::LabelMap::parse("A=B,A=C"), ner::UsageError);
  CHECK_THROWS_WITH(ner::LabelMap::parse(format_test::write_temp("A=B\nC\n")), Catch::EndsWith(":2: expected 'TYPE=NEW' or 'TYPE<TAB>NEW'"));
}

TEST_CASE("Overlap policies", "[format][overlaps]") {
  const std::vector<std::pair<std::size_t, std::size_t>> iv{{0, 4}, {0, 6}, {4, 6}, {5, 9}, {10, 11}};
  CHECK(ner::select_non_overlapping(iv, OverlapPolicy::Longest) == std::vector<std::size_t>{1, 4});
  CHECK(ner::select_non_overlapping(iv, OverlapPolicy::First) == std::vector<std::size_t>{1, 4});
  const std::vector<std::pair<std::size_t, std::size_t>> iv2{{0, 2}, {1, 5}, {4, 6}};
  CHECK(ner::select_non_overlapping(iv2, OverlapPolicy::Longest) == std::vector<std::size_t>{1});
  CHECK(ner::select_non_overlapping(iv2, OverlapPolicy::First) == std::vector<std::size_t>{0, 2});

  ner::Tally dropped, duplicates;
  std::vector<Entity> es{{4, 6, "symptom"}, {0, 6, "symptom"}, {0, 4, "body"}, {0, 4, "body"}, {8, 9, "X"}};
  SECTION("longest") {
    ner::resolve_overlaps(es, OverlapPolicy::Longest, {"f", 3}, dropped, duplicates);
    CHECK(es == std::vector<Entity>{{0, 6, "symptom"}, {8, 9, "X"}});
    CHECK(dropped.count() == 2);
    CHECK(duplicates.count() == 1);
  }
  SECTION("first keeps the input order of what it keeps") {
    ner::resolve_overlaps(es, OverlapPolicy::First, {"f", 3}, dropped, duplicates);
    CHECK(es == std::vector<Entity>{{0, 6, "symptom"}, {8, 9, "X"}});
  }
  SECTION("fail") {
    CHECK_THROWS_WITH(ner::resolve_overlaps(es, OverlapPolicy::Fail, {"f", 3}, dropped, duplicates),
                      "f:3: entities [0, 4) 'body' and [0, 6) 'symptom' overlap");
  }
  SECTION("keep") {
    ner::resolve_overlaps(es, OverlapPolicy::Keep, {"f", 3}, dropped, duplicates);
    CHECK(es.size() == 5);
  }
  CHECK(ner::parse_overlap_policy("first") == OverlapPolicy::First);
  CHECK_THROWS_AS(ner::parse_overlap_policy("all"), ner::UsageError);
}
