// Entity-level counts and P/R/F1, with conlleval's reading of chunks, for ner-eval and for the
// dev score of ner-train.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace ner {

struct TypeCounts {
  std::size_t gold = 0;       // entities in the gold labels
  std::size_t predicted = 0;  // entities in the predicted labels
  std::size_t correct = 0;    // predicted entities that match a gold one exactly (span and type)
};

struct Scores {
  double precision = 0;  // in percent, as conlleval prints them
  double recall = 0;
  double f1 = 0;
};

Scores scores_of(const TypeCounts& counts);

class EntityCounter {
 public:
  // Adds one sentence's gold and predicted labels (same length), chunked as conlleval chunks them.
  void add(const std::vector<std::string>& gold, const std::vector<std::string>& predicted);

  TypeCounts total() const;
  const std::map<std::string, TypeCounts>& by_type() const { return by_type_; }
  std::size_t tokens() const { return tokens_; }
  std::size_t correct_tokens() const { return correct_tokens_; }

 private:
  std::map<std::string, TypeCounts> by_type_;
  std::size_t tokens_ = 0;
  std::size_t correct_tokens_ = 0;
};

}  // namespace ner
