// How the column files of the corpora spell tokens and labels, and reading entities from a
// sentence's labels. The dialects differ only in small ways, each an option:
//   Resume NER   B-NAME M-NAME E-NAME S-NAME      scheme BMES
//   Weibo NER    科0  B-PER.NAM                   a word-position digit after each character
//   cMedQANER    B_disease I_disease             '_' between prefix and type
//   CoNLL-2003   U.N. NNP I-NP I-ORG             IOB1
// Labels are always read the way conlleval reads them (scheme.h decode), whatever the scheme;
// the scheme says which sequences are well-formed, and the ill-formed ones are counted.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "libner/format/tally.h"
#include "libner/scheme/scheme.h"

namespace ner {

struct ColumnDialect {
  Scheme scheme = Scheme::IOB2;       // what a well-formed label sequence is
  char label_separator = '-';         // '_' for cMedQANER
  bool strip_position_digit = false;  // Weibo NER
};

// Weibo NER writes each character with the position of the character in its word (0, 1, ...):
// "科0". This drops that final ASCII digit; a token of one character is left alone.
void strip_position_digit(std::string& token);

class LabelDecoder {
 public:
  explicit LabelDecoder(const ColumnDialect& dialect) : dialect_(dialect) {}

  // The entities of one sentence's labels (token spans, in order). `lines` holds each label's
  // input line, for messages. Throws ner::Error on a label with a prefix and no type ("B-").
  std::vector<Span> decode(const std::vector<std::string>& labels, const std::string& file,
                           const std::vector<std::size_t>& lines);

  // Labels that break the scheme (an I-X after O in IOB2, a B-X not closed in IOBES, a prefix
  // the scheme does not use), with the first one and what is wrong with it.
  const Tally& ill_formed() const { return ill_formed_; }
  const std::string& first_problem() const { return first_problem_; }
  const ColumnDialect& dialect() const { return dialect_; }

 private:
  ColumnDialect dialect_;
  Tally ill_formed_;
  std::string first_problem_;
  std::vector<Tag> tags_;
};

}  // namespace ner
