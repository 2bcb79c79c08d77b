#include "libner/stream/conll_reader.h"

#include "libner/io/error.h"

namespace ner {

namespace {

bool is_blank(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t') return false;
  return true;
}

}  // namespace

bool ConllReader::next(Sentence& sentence) {
  sentence.clear();
  std::string_view line;
  while (lines_.next(line)) {
    if (is_blank(line)) {
      if (!sentence.tokens.empty()) return true;
      // A -DOCSTART- block ends at its blank line, so that it is passed on where it stood.
      if (!sentence.preamble.empty() && is_docstart_line(sentence.preamble.back())) return true;
      continue;
    }
    if (sentence.tokens.empty() && (is_docstart_line(line) || is_comment_line(line))) {
      sentence.preamble.emplace_back(line);
      continue;
    }
    auto cols = split_columns(line);
    if (same_columns_ && columns_ == 0) columns_ = cols.size();
    if (columns_ != 0 && cols.size() != columns_)
      throw Error(lines_.name(), lines_.line_number(),
                  "expected " + std::to_string(columns_) + " columns, found " + std::to_string(cols.size()));
    sentence.tokens.push_back(std::move(cols));
    sentence.lines.push_back(lines_.line_number());
  }
  return !sentence.tokens.empty() || !sentence.preamble.empty();
}

}  // namespace ner
