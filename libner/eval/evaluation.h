// The scoring of a test set sentence by sentence: entity counts under one reading, and, when asked
// for, the error analysis, the counts of every sentence or document for the bootstrap, and the
// same for a second system to compare.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "libner/eval/bootstrap.h"
#include "libner/eval/entity_counter.h"
#include "libner/eval/error_analysis.h"
#include "libner/eval/labelled_sentence.h"

namespace ner {

// Counts as a report shows them.
struct Summary {
  std::size_t tokens = 0;
  std::size_t correct_tokens = 0;
  std::map<std::string, TypeCounts> by_type;  // sorted by bytes, as Perl's sort sorts

  TypeCounts total() const;
  // The mean of the per-type precision, recall and F1 over the types with any gold or predicted
  // entity (as seqeval's and scikit-learn's macro averages).
  Scores macro() const;
};

Summary summary_of(const EntityCounter& counter);
Summary summary_of(const conlleval::ChunkCounter& counter);  // after its finish()

struct EvaluationOptions {
  EntityReadingOptions reading;
  bool errors = false;          // the error analysis
  std::size_t examples = 0;     // mistakes kept as examples
  std::size_t context = 5;      // tokens of context on each side of an example
  bool units = false;           // keep the counts of every unit, for the bootstrap and comparisons
  bool by_document = false;     // units are documents rather than sentences
  bool second_system = false;   // sentences carry predicted2
};

class Evaluation {
 public:
  explicit Evaluation(const EvaluationOptions& options);

  void add(const LabelledSentence& sentence);
  void finish();  // the end of the input

  Summary summary() const { return summary_of(first_); }
  Summary summary2() const { return summary_of(second_); }
  const ErrorAnalysis* errors() const { return errors_.get(); }
  const Units& units() const { return units_; }
  const Units& units2() const { return units2_; }
  std::size_t sentences() const { return sentences_; }

 private:
  void count(const LabelledSentence& sentence);
  void record(const EntityCounter& counter, std::vector<TypeTable::Id>& ids, Units& units, bool new_unit);

  EvaluationOptions options_;
  EntityCounter first_;
  EntityCounter second_;
  std::unique_ptr<ErrorAnalysis> errors_;
  TypeTable types_;                            // the units' type ids, shared by both systems
  std::vector<TypeTable::Id> ids_, ids2_;      // each counter's type ids to types_
  Units units_, units2_;
  std::size_t sentences_ = 0;
};

}  // namespace ner
