// Entity counts per type and the scores made from them, shared by every reading of entities
// (conlleval's, the lenient and the strict scheme readings) and by the resampling tests.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "libner/eval/type_table.h"

namespace ner {

struct TypeCounts {
  std::size_t gold = 0;       // entities in the gold labels
  std::size_t predicted = 0;  // entities in the predicted labels
  std::size_t correct = 0;    // predicted entities that match a gold one exactly (span and type)

  TypeCounts& operator+=(const TypeCounts& o) {
    gold += o.gold;
    predicted += o.predicted;
    correct += o.correct;
    return *this;
  }
  bool operator==(const TypeCounts& o) const {
    return gold == o.gold && predicted == o.predicted && correct == o.correct;
  }
};

struct Scores {
  double precision = 0;  // in percent, as conlleval prints them
  double recall = 0;
  double f1 = 0;
};

// conlleval's formulas (lines 182-185 and 209-216): 100*correct/found, 0 when nothing was found;
// F1 = 2PR/(P+R), 0 when P+R is 0. The order of the operations is conlleval's, so that the
// printed figures round the same way.
Scores scores_of(const TypeCounts& counts);

// The counts of one sentence or document by type id: sparse, since a sentence holds few types.
using TypeCountList = std::vector<std::pair<TypeTable::Id, TypeCounts>>;

// The entry of `id` in `list`, added when absent (a linear search: the lists are short).
TypeCounts& entry(TypeCountList& list, TypeTable::Id id);

}  // namespace ner
