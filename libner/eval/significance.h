// Is system A's F1 really different from system B's on this test set? Two paired tests over the
// same units (sentences or documents), both on micro F1:
//  - approximate randomisation (Noreen 1989; Yeh 2000, "More accurate tests for the statistical
//    significance of result differences"): under the null hypothesis the two systems' outputs are
//    exchangeable, so each unit's outputs are swapped with probability 1/2 in every round;
//    p = (rounds with |F1(A') - F1(B')| >= |F1(A) - F1(B)|, plus 1) / (rounds + 1), two-sided.
//  - the paired bootstrap (Koehn 2004; the p-value of Berg-Kirkpatrick, Burkett and Klein 2012,
//    "An empirical investigation of statistical significance in NLP"): units are drawn with
//    replacement; p = the share of samples where the difference exceeds twice the observed one
//    in the observed direction, one-sided. It also gives a 95% interval of the difference.
#pragma once

#include <cstddef>
#include <cstdint>

#include "libner/eval/bootstrap.h"

namespace ner {

struct Comparison {
  std::size_t units = 0;
  std::uint64_t seed = 0;
  double f1_a = 0, f1_b = 0;  // micro F1 in percent on the whole test set
  Interval difference;        // F1(A) - F1(B) with its bootstrap interval
  std::size_t samples = 0;    // of the paired bootstrap (0: not run)
  double p_bootstrap = 1;
  std::size_t rounds = 0;     // of approximate randomisation (0: not run)
  double p_randomization = 1;
};

// `a` and `b` hold the same units in the same order, with the same gold counts.
Comparison compare(const Units& a, const Units& b, std::size_t samples, std::size_t rounds, std::uint64_t seed);

}  // namespace ner
