#include "libner/eval/significance.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "libner/split/prng.h"

namespace ner {

namespace {


double f1(std::size_t gold, std::size_t predicted, std::size_t correct) {
  return scores_of(TypeCounts{gold, predicted, correct}).f1;
}

}  // namespace

Comparison compare(const Units& a, const Units& b, std::size_t samples, std::size_t rounds, std::uint64_t seed) {
  if (a.size() != b.size()) throw std::invalid_argument("compare: the systems have different numbers of units");
  const std::size_t n = a.size();
  std::vector<TypeCounts> ua(n), ub(n);
  TypeCounts ta, tb;
  for (std::size_t i = 0; i < n; ++i) {
    ua[i] = a.total(i);
    ub[i] = b.total(i);
    ta += ua[i];
    tb += ub[i];
  }
  Comparison c;
  c.units = n;
  c.seed = seed;
  c.f1_a = scores_of(ta).f1;
  c.f1_b = scores_of(tb).f1;
  const double observed = c.f1_a - c.f1_b;
  c.difference.value = c.difference.low = c.difference.high = observed;
  // Differences this small are rounding noise: identical outputs must give p = 1.
  const double eps = 1e-9;

  if (rounds > 0 && n > 0) {
    split::SplitMix64 rng(seed ^ 0xA5A5A5A5A5A5A5A5ULL);
    std::size_t extreme = 0;
    for (std::size_t r = 0; r < rounds; ++r) {
      std::size_t pa = 0, ca = 0, pb = 0, cb = 0, gold = 0;
      std::uint64_t bits = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (i % 64 == 0) bits = rng.next();
        const bool swap = bits & 1;
        bits >>= 1;
        const TypeCounts& x = swap ? ub[i] : ua[i];
        const TypeCounts& y = swap ? ua[i] : ub[i];
        gold += x.gold;
        pa += x.predicted, ca += x.correct;
        pb += y.predicted, cb += y.correct;
      }
      if (std::fabs(f1(gold, pa, ca) - f1(gold, pb, cb)) >= std::fabs(observed) - eps) ++extreme;
    }
    c.rounds = rounds;
    c.p_randomization = static_cast<double>(extreme + 1) / static_cast<double>(rounds + 1);
  }

  if (samples > 0 && n > 0) {
    split::SplitMix64 rng(seed);
    std::vector<double> d;
    d.reserve(samples);
    std::size_t beyond = 0;
    for (std::size_t s = 0; s < samples; ++s) {
      std::size_t gold = 0, pa = 0, ca = 0, pb = 0, cb = 0;
      for (std::size_t k = 0; k < n; ++k) {
        const auto i = static_cast<std::size_t>(rng.below(n));
        gold += ua[i].gold;
        pa += ua[i].predicted, ca += ua[i].correct;
        pb += ub[i].predicted, cb += ub[i].correct;
      }
      const double delta = f1(gold, pa, ca) - f1(gold, pb, cb);
      d.push_back(delta);
      // Berg-Kirkpatrick et al. 2012, section 2: the samples are centred on the observed
      // difference, so "more extreme than 0 under H0" reads "beyond twice the observed".
      if (observed > 0 ? delta > 2 * observed + eps : delta < 2 * observed - eps) ++beyond;
    }
    std::sort(d.begin(), d.end());
    c.difference.low = quantile(d, 0.025);
    c.difference.high = quantile(d, 0.975);
    c.samples = samples;
    c.p_bootstrap = std::fabs(observed) <= eps ? 1.0 : static_cast<double>(beyond) / static_cast<double>(samples);
  }
  return c;
}

}  // namespace ner
