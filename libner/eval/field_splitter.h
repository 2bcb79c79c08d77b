// Splitting a line into fields the way conlleval does (line 84: `split(/$delimiter/,$line)`,
// the delimiter " " unless -d gives another): Perl's split on a regular expression. Runs of the
// delimiter make empty fields (`a  b` is a, "", b with the default), a delimiter at the start
// makes an empty first field, trailing empty fields are dropped, and a line of nothing but
// delimiters has no fields at all. TAB is not a delimiter by default: Perl's awk-like splitting on
// any whitespace is `split(' ')`, which conlleval does not use.
#pragma once

#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace ner {

class FieldSplitter {
 public:
  // `delimiter` is a Perl regular expression. Literal text and escapes such as \t (the common
  // cases: " ", "\t", a TAB, ",") are split without a regular expression; anything else goes to
  // std::regex (ECMAScript, which agrees with Perl on the usual constructs). Throws UsageError on
  // an expression std::regex cannot read.
  explicit FieldSplitter(const std::string& delimiter = " ");

  // Fills `fields` with views into `line`.
  void split(std::string_view line, std::vector<std::string_view>& fields) const;

  // The delimiter as literal bytes, when it is one (for messages and tests).
  bool literal() const { return !regex_; }

 private:
  void split_regex(std::string_view line, std::vector<std::string_view>& fields) const;

  std::string literal_;
  std::unique_ptr<std::regex> regex_;
};

}  // namespace ner
