// What kind of mistake each wrong entity is, after the classes of Chinchor and Sundheim (MUC-5,
// 1993) as NER error analyses use them. Within a sentence, every predicted entity that matches
// no gold entity exactly gets one class:
//   wrong type            the same tokens as a gold entity, another type
//   wrong boundary        overlaps a gold entity of the same type, other tokens
//   wrong type+boundary   overlaps gold entities of other types only
//   spurious              overlaps no gold entity
// and every gold entity that is neither found exactly nor accounts for one of those mistakes is
// missed. So the mistakes add up: predicted - correct = wrong type + wrong boundary + wrong
// type+boundary + spurious, and gold - correct >= missed.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "libner/eval/labelled_sentence.h"
#include "libner/scheme/scheme.h"

namespace ner {

enum class ErrorKind { WrongType, WrongBoundary, WrongTypeAndBoundary, Missed, Spurious };
const char* error_kind_name(ErrorKind kind);  // "wrong type", ..., for reports
const char* error_kind_key(ErrorKind kind);   // "wrong_type", ..., for JSON and TSV

struct ErrorCounts {
  std::size_t correct = 0;
  std::size_t wrong_type = 0;
  std::size_t wrong_boundary = 0;
  std::size_t wrong_type_and_boundary = 0;
  std::size_t missed = 0;
  std::size_t spurious = 0;
  std::size_t& of(ErrorKind kind);
  std::size_t of(ErrorKind kind) const;
  ErrorCounts& operator+=(const ErrorCounts& o);
};

struct ErrorExample {
  ErrorKind kind = ErrorKind::Missed;
  std::string source;          // the gold stream
  std::size_t line = 0;        // of the first token involved
  std::string gold_type;       // "" for a spurious entity
  std::string gold_text;
  std::string predicted_type;  // "" for a missed entity
  std::string predicted_text;
  std::string context;  // the tokens around it, the gold entity in [ ], the predicted one in { }
};

class ErrorAnalysis {
 public:
  // Keeps the first `examples` mistakes with `context` tokens on either side.
  ErrorAnalysis(std::size_t examples, std::size_t context) : max_examples_(examples), context_(context) {}

  void add(const LabelledSentence& sentence, const std::vector<Span>& gold, const std::vector<Span>& predicted);

  // By type: the gold entity's type, the predicted one's for spurious entities.
  const std::map<std::string, ErrorCounts>& by_type() const { return by_type_; }
  ErrorCounts total() const;
  // How often a gold entity of one type met a predicted entity of another (rows gold, columns
  // predicted): exact matches and wrong boundaries on the diagonal, wrong types off it; "" is no
  // entity (the "" column holds the missed, the "" row the spurious ones).
  const std::map<std::string, std::map<std::string, std::size_t>>& confusion() const { return confusion_; }
  const std::vector<ErrorExample>& examples() const { return examples_; }

 private:
  void note(ErrorKind kind, const LabelledSentence& s, const Span* gold, const Span* predicted);

  std::size_t max_examples_;
  std::size_t context_;
  std::map<std::string, ErrorCounts> by_type_;
  std::map<std::string, std::map<std::string, std::size_t>> confusion_;
  std::vector<ErrorExample> examples_;
};

// Tokens joined for display: a space between two tokens only where both sides are ASCII, so that
// English reads as words and Chinese as text.
std::string join_tokens(const std::vector<std::string_view>& tokens, std::size_t begin, std::size_t end);

}  // namespace ner
