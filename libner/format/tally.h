// A count of something a conversion changed or dropped, with where it happened first. Every loss
// (a trimmed boundary, a dropped overlapping mention, a repaired label) is counted in a Tally and
// reported on stderr at the end: a conversion never loses anything silently.
#pragma once

#include <cstddef>
#include <string>

namespace ner {

// Where a document, sentence or line came from: a file and a 1-based line (0: the whole file).
struct Origin {
  std::string file;
  std::size_t line = 0;

  // "file:line" (or "file" when the line is 0), as in error messages.
  std::string str() const { return line > 0 ? file + ":" + std::to_string(line) : file; }
};

class Tally {
 public:
  void add(const Origin& where, std::size_t n = 1) {
    if (n == 0) return;
    if (count_ == 0) first_ = where;
    count_ += n;
  }
  std::size_t count() const { return count_; }
  const Origin& first() const { return first_; }
  explicit operator bool() const { return count_ > 0; }

 private:
  std::size_t count_ = 0;
  Origin first_;
};

}  // namespace ner
