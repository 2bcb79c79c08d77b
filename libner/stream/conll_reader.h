// Reads the stream format sentence by sentence from a LineReader; memory holds one sentence.
#pragma once

#include <cstddef>
#include <string>

#include "libner/io/input.h"
#include "libner/stream/sentence.h"

namespace ner {

class ConllReader {
 public:
  explicit ConllReader(LineReader& lines) : lines_(lines) {}

  // Fills `sentence` with the next sentence (or a trailing block of comment lines); false at the
  // end of the stream.
  bool next(Sentence& sentence);

  // When set, every token line must have this many columns; a different count is an error naming
  // the line (the first token line sets it when `same_columns` is on and none was given).
  void expect_columns(std::size_t n) { columns_ = n; }
  void require_same_columns(bool on) { same_columns_ = on; }

  const std::string& name() const { return lines_.name(); }
  std::size_t line_number() const { return lines_.line_number(); }

 private:
  LineReader& lines_;
  std::size_t columns_ = 0;
  bool same_columns_ = true;
};

}  // namespace ner
