// One sentence as ner-eval scores it: tokens with their gold and predicted labels (and a second
// system's labels when two systems are compared), whichever reader made it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ner {

struct LabelledSentence {
  // Views into the reader's buffers, valid until its next call.
  std::vector<std::string_view> tokens;
  std::vector<std::string_view> gold;
  std::vector<std::string_view> predicted;
  std::vector<std::string_view> predicted2;  // empty unless a second system is compared
  std::vector<std::size_t> lines;            // the gold stream's line of each token, for messages
  std::string_view source;                   // the gold stream's name
  bool starts_document = false;  // the first sentence of a document (-DOCSTART-, `# doc = ID`)
  bool closed = true;            // ended by a boundary line rather than by the end of the input

  std::size_t size() const { return tokens.size(); }
  void clear() {
    tokens.clear();
    gold.clear();
    predicted.clear();
    predicted2.clear();
    lines.clear();
    starts_document = false;
    closed = true;
  }
};

// Where LabelledSentences come from: the conlleval layout (conlleval_reader.h) or two or three
// aligned streams (aligned_reader.h).
class SentenceSource {
 public:
  virtual ~SentenceSource() = default;
  // The next sentence with at least one token; false at the end of the input.
  virtual bool next(LabelledSentence& sentence) = 0;
};

}  // namespace ner
