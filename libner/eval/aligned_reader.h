// Two-file mode: a gold stream and a predicted stream (and a second system's, to compare), each in
// the stream format (ner(7): TAB- or space-separated columns, blank lines between sentences,
// `# doc = ID` and -DOCSTART- lines before a document), read side by side. The streams must agree
// token by token: the same sentences, the same tokens in their first column; the first place
// where they do not is an error naming both files' lines.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "libner/eval/labelled_sentence.h"
#include "libner/io/input.h"
#include "libner/stream/conll_reader.h"
#include "libner/stream/sentence.h"

namespace ner {

struct AlignedOptions {
  // The label columns, counted from 1, or from the end when negative: -1 is the last column.
  int gold_column = -1;
  int predicted_column = -1;
};

class AlignedReader : public SentenceSource {
 public:
  // `predicted2` may be empty: no second system.
  AlignedReader(const std::string& gold, const std::string& predicted, const std::string& predicted2,
                const AlignedOptions& options);
  ~AlignedReader() override;

  bool next(LabelledSentence& sentence) override;

 private:
  struct Stream;
  bool advance(Stream& s);  // to its next sentence with tokens
  void check(const Stream& gold, const Stream& other) const;
  std::size_t label_index(const Stream& s, int column) const;

  AlignedOptions options_;
  std::unique_ptr<Stream> gold_;
  std::vector<std::unique_ptr<Stream>> predicted_;
};

}  // namespace ner
