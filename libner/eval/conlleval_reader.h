// Reading conlleval's input: one token a line, fields split as conlleval splits them
// (field_splitter.h), the gold and the predicted label in the last two fields, and a sentence
// boundary at an empty line or a line whose first field is -X- (lines 91-92). A -DOCSTART- line
// is a token like any other to conlleval (its labels are O O) and is counted as one.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "libner/eval/field_splitter.h"
#include "libner/eval/labelled_sentence.h"
#include "libner/io/input.h"

namespace ner {

struct ConllevalOptions {
  std::string delimiter = " ";  // -d: a Perl regular expression
  // No -d: where conlleval would stop at the first line that is neither blank nor a comment,
  // because it holds TABs and no second space-separated field, read the input as the stream
  // format instead (TAB-separated, `#` comment lines skipped). conlleval fails on every such
  // input, so this changes no report it prints.
  bool detect_tabs = false;
  bool raw = false;             // -r: labels are bare types, each token its own chunk
  std::string outside = "O";    // -o: the outside label of raw input
  // The label fields, counted from 1, or from the end when negative (conlleval: -2 and -1).
  int gold_column = -2;
  int predicted_column = -1;
};

struct ConllevalLine {
  bool boundary = false;
  std::string_view token;  // the first field when the line has more than the two labels
  std::string_view gold;
  std::string_view predicted;
  std::string_view predicted2;  // set by ConllevalSentences when a second system is read
  // A token line right after a document marker (`# doc = ID`, `# newdoc`) of the stream format,
  // whose comment lines are otherwise skipped; -DOCSTART- is a token line of its own.
  bool starts_document = false;
};

class ConllevalReader {
 public:
  ConllevalReader(LineReader& lines, const ConllevalOptions& options);

  // The next line; false at the end of the input. Throws ner::Error where conlleval stops: a
  // line whose number of fields differs from the first line's (conlleval: "unexpected number of
  // features", exit 1) or that has fewer than two fields (conlleval dies).
  bool next(ConllevalLine& line);

  const std::string& name() const { return lines_.name(); }
  std::size_t line_number() const { return line_; }
  // Whether detect_tabs found the stream format.
  bool tab_separated() const { return tab_separated_; }

 private:
  bool read(std::string_view& text);  // the next line, the lines read ahead first
  void detect();
  std::string_view field(int column, const char* what);
  std::string_view raw_label(std::string_view label, std::string& storage) const;

  LineReader& lines_;
  ConllevalOptions options_;
  FieldSplitter splitter_;
  std::vector<std::string_view> fields_;
  long last_index_ = -1;           // conlleval's $nbrOfFeatures: the first line's last field index
  std::size_t columns_line_ = 0;   // the line that set it
  std::string raw_gold_, raw_predicted_;
  std::size_t line_ = 0;
  bool detected_ = false;
  bool tab_separated_ = false;
  bool document_marked_ = false;   // a skipped comment line marked a document: the next token starts it
  std::vector<std::pair<std::string, std::size_t>> ahead_;  // lines read by detect(), with numbers
  std::size_t next_ahead_ = 0;
};

// Groups the lines of a ConllevalReader into sentences. With a second reader (the same layout,
// a second system's predictions), its predicted labels join as predicted2; its lines must match
// the first reader's line for line (the same boundaries and first fields).
class ConllevalSentences : public SentenceSource {
 public:
  explicit ConllevalSentences(ConllevalReader& reader, ConllevalReader* second = nullptr)
      : reader_(reader), second_(second) {}
  bool next(LabelledSentence& sentence) override;

 private:
  bool read_line(ConllevalLine& line);  // from both readers, checked against each other

  ConllevalReader& reader_;
  ConllevalReader* second_;
  // The sentence's bytes, so that views stay valid while lines are read: the token, the gold,
  // the predicted and the second predicted label of each token, one after another.
  std::string arena_;
  std::vector<std::size_t> ends_;  // the end of each piece in arena_
  bool done_ = false;
};

}  // namespace ner
