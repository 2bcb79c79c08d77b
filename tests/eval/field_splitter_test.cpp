#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "libner/eval/field_splitter.h"
#include "libner/io/error.h"

namespace {

// The fields joined with | for compact expectations.
std::string fields(const ner::FieldSplitter& s, std::string_view line) {
  std::vector<std::string_view> f;
  s.split(line, f);
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) (out += i ? "|" : "") += std::string(f[i]);
  return "[" + out + "]:" + std::to_string(f.size());
}

}  // namespace

// The expectations are what perl -e 'print join("|", split(/$d/, $line))' prints.
TEST_CASE("FieldSplitter splits on single spaces as conlleval's split(/ /)", "[eval]") {
  ner::FieldSplitter s;
  CHECK(s.literal());
  CHECK(fields(s, "EU NNP I-NP I-ORG") == "[EU|NNP|I-NP|I-ORG]:4");
  CHECK(fields(s, "a  b") == "[a||b]:3");          // a run of spaces makes empty fields
  CHECK(fields(s, " a b") == "[|a|b]:3");          // a leading space an empty first field
  CHECK(fields(s, "a b  ") == "[a|b]:2");          // trailing empty fields are dropped
  CHECK(fields(s, "   ") == "[]:0");               // a line of spaces is an empty line
  CHECK(fields(s, "") == "[]:0");
  CHECK(fields(s, "a\tb c") == "[a\tb|c]:2");      // TAB is not a delimiter
  CHECK(fields(s, "\xE3\x80\x80 O") == "[\xE3\x80\x80|O]:2");  // U+3000 is a token
}

TEST_CASE("FieldSplitter reads -d as a Perl expression", "[eval]") {
  CHECK(fields(ner::FieldSplitter("\t"), "a\tb\t\tc") == "[a|b||c]:4");
  CHECK(ner::FieldSplitter("\\t").literal());
  CHECK(fields(ner::FieldSplitter("\\t"), "a\tb c") == "[a|b c]:2");
  CHECK(fields(ner::FieldSplitter("\\|"), "a|b") == "[a|b]:2");
  CHECK(fields(ner::FieldSplitter("::"), "a::b::::c") == "[a|b||c]:4");
  CHECK_FALSE(ner::FieldSplitter(" +").literal());
  CHECK(fields(ner::FieldSplitter(" +"), "a   b c  ") == "[a|b|c]:3");
  CHECK(fields(ner::FieldSplitter("\\s"), "a\tb c") == "[a|b|c]:3");
  CHECK(fields(ner::FieldSplitter("[ \\t]+"), " a\t b") == "[|a|b]:3");
  // An expression that matches nothing splits a line into its bytes, with no empty field first.
  CHECK(fields(ner::FieldSplitter("|"), "abc") == "[a|b|c]:3");
  CHECK(fields(ner::FieldSplitter(" *"), "ab c") == "[a|b|c]:3");
  // Groups are fields of their own.
  CHECK(fields(ner::FieldSplitter("(-)"), "a-b") == "[a|-|b]:3");
  CHECK_THROWS_AS(ner::FieldSplitter("("), ner::UsageError);
}
