#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "libner/eval/report.h"
#include "libner/io/error.h"

namespace {

ner::Summary sample() {
  ner::Summary s;
  s.tokens = 30;
  s.correct_tokens = 25;
  s.by_type["LOC"] = {4, 5, 3};
  s.by_type["PER"] = {2, 0, 0};
  return s;
}

}  // namespace

TEST_CASE("conlleval_report prints conlleval's lines", "[eval]") {
  CHECK(ner::conlleval_report(sample(), false) ==
        "processed 30 tokens with 6 phrases; found: 5 phrases; correct: 3.\n"
        "accuracy:  83.33%; precision:  60.00%; recall:  50.00%; FB1:  54.55\n"
        "              LOC: precision:  60.00%; recall:  75.00%; FB1:  66.67  5\n"
        "              PER: precision:   0.00%; recall:   0.00%; FB1:   0.00  0\n");
  CHECK(ner::conlleval_report(sample(), true) ==
        "        & Precision &  Recall  & F$_{\\beta=1} \\\\\\hline\n"
        "LOC     &   60.00\\% &  75.00\\% &  66.67 \\\\\n"
        "PER     &    0.00\\% &   0.00\\% &   0.00 \\\\\\hline\n"
        "Overall &   60.00\\% &  50.00\\% &  54.55 \\\\\\hline\n");
  ner::Summary empty;
  CHECK(ner::conlleval_report(empty, false) == "processed 0 tokens with 0 phrases; found: 0 phrases; correct: 0.\n");
}

TEST_CASE("conlleval_report repeats the empty type as conlleval does", "[eval]") {
  ner::Summary s;
  s.tokens = 3;
  s.by_type[""] = {2, 2, 2};
  s.by_type["X"] = {1, 1, 1};
  const auto text = ner::conlleval_report(s, false);
  CHECK(text.find("                 : precision: 100.00%; recall: 100.00%; FB1: 100.00  2\n"
                  "                 : precision: 100.00%; recall: 100.00%; FB1: 100.00  2\n"
                  "                X:") != std::string::npos);
}

TEST_CASE("JSON and TSV reports carry micro and macro averages", "[eval]") {
  ner::Report r;
  r.reading = "conlleval";
  r.inputs = {"-"};
  r.summary = sample();
  const auto j = nlohmann::json::parse(ner::format_report(r, ner::ReportFormat::Json));
  CHECK(j["micro"]["f1"].get<double>() == Approx(54.545454));
  CHECK(j["macro"]["precision"].get<double>() == Approx(30.0));
  CHECK(j["macro"]["f1"].get<double>() == Approx(33.333333));
  CHECK(j["types"]["PER"]["gold"] == 2);
  CHECK(j["accuracy"].get<double>() == Approx(83.333333));
  CHECK(ner::format_report(r, ner::ReportFormat::Tsv) ==
        "type\tgold\tpredicted\tcorrect\tprecision\trecall\tf1\n"
        "LOC\t4\t5\t3\t60.00\t75.00\t66.67\n"
        "PER\t2\t0\t0\t0.00\t0.00\t0.00\n"
        "micro\t6\t5\t3\t60.00\t50.00\t54.55\n"
        "macro\t6\t5\t3\t30.00\t37.50\t33.33\n");
  CHECK_THROWS_AS(ner::parse_report_format("xml"), ner::UsageError);
}
