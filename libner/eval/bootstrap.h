// Confidence intervals by the bootstrap (Efron and Tibshirani 1993): the sentences (or documents)
// of the test set are drawn with replacement as many times as there are of them, the scores of
// each such sample computed, and the 2.5th and 97.5th percentiles of the scores taken as the 95%
// interval.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "libner/eval/counts.h"

namespace ner {

// The counts of every unit (sentence or document) of a test set, flat.
class Units {
 public:
  void start() { begin_.push_back(entries_.size()); }  // starts a new unit
  void add(TypeTable::Id type, const TypeCounts& counts);  // to the current unit
  std::size_t size() const { return begin_.size(); }
  // The entries of unit i.
  const std::pair<TypeTable::Id, TypeCounts>* begin(std::size_t i) const { return entries_.data() + begin_[i]; }
  const std::pair<TypeTable::Id, TypeCounts>* end(std::size_t i) const {
    return entries_.data() + (i + 1 < begin_.size() ? begin_[i + 1] : entries_.size());
  }
  TypeCounts total(std::size_t i) const;  // over all types
  std::size_t types() const { return types_; }  // 1 + the largest type id seen

 private:
  std::vector<std::size_t> begin_;
  std::vector<std::pair<TypeTable::Id, TypeCounts>> entries_;
  std::size_t types_ = 0;
};

struct Interval {
  double value = 0;  // on the whole test set
  double low = 0;    // 2.5th percentile of the samples
  double high = 0;   // 97.5th percentile
};

struct BootstrapResult {
  std::size_t samples = 0;
  std::size_t units = 0;
  std::uint64_t seed = 0;
  Interval precision, recall, f1;  // micro averages, in percent
  Interval macro_f1;               // the mean of the per-type F1 over the types seen in the sample
};

BootstrapResult bootstrap(const Units& units, std::size_t samples, std::uint64_t seed);

// The q-quantile of sorted values, interpolated between neighbours (Hyndman and Fan's type 7,
// R's default).
double quantile(const std::vector<double>& sorted, double q);

// Mean per-type F1 over the types with any gold or predicted entity; 0 when there is none.
double macro_f1(const std::vector<TypeCounts>& by_type);

}  // namespace ner
