#include "libner/eval/bootstrap.h"

#include <algorithm>
#include <cmath>

#include "libner/split/prng.h"

namespace ner {

void Units::add(TypeTable::Id type, const TypeCounts& counts) {
  if (begin_.empty()) start();
  for (auto it = entries_.begin() + static_cast<std::ptrdiff_t>(begin_.back()); it != entries_.end(); ++it)
    if (it->first == type) {
      it->second += counts;
      return;
    }
  entries_.emplace_back(type, counts);
  types_ = std::max<std::size_t>(types_, type + 1);
}

TypeCounts Units::total(std::size_t i) const {
  TypeCounts t;
  for (auto* e = begin(i); e != end(i); ++e) t += e->second;
  return t;
}

double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double h = (static_cast<double>(sorted.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double macro_f1(const std::vector<TypeCounts>& by_type) {
  double sum = 0;
  std::size_t n = 0;
  for (const auto& c : by_type) {
    if (c.gold == 0 && c.predicted == 0) continue;
    sum += scores_of(c).f1;
    ++n;
  }
  return n ? sum / static_cast<double>(n) : 0;
}

BootstrapResult bootstrap(const Units& units, std::size_t samples, std::uint64_t seed) {
  BootstrapResult r;
  r.samples = samples;
  r.units = units.size();
  r.seed = seed;
  const std::size_t n = units.size();
  std::vector<TypeCounts> by_type(units.types());
  auto collect = [&](auto&& unit_at) {
    std::fill(by_type.begin(), by_type.end(), TypeCounts{});
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = unit_at(k);
      for (auto* e = units.begin(i); e != units.end(i); ++e) by_type[e->first] += e->second;
    }
    TypeCounts total;
    for (const auto& c : by_type) total += c;
    return total;
  };
  const Scores whole = scores_of(collect([](std::size_t k) { return k; }));
  r.precision.value = whole.precision;
  r.recall.value = whole.recall;
  r.f1.value = whole.f1;
  r.macro_f1.value = macro_f1(by_type);
  if (n == 0 || samples == 0) return r;
  split::SplitMix64 rng(seed);
  std::vector<double> p, rc, f, mf;
  for (std::size_t s = 0; s < samples; ++s) {
    const Scores sc = scores_of(collect([&](std::size_t) { return static_cast<std::size_t>(rng.below(n)); }));
    p.push_back(sc.precision);
    rc.push_back(sc.recall);
    f.push_back(sc.f1);
    mf.push_back(macro_f1(by_type));
  }
  auto fill = [](Interval& iv, std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    iv.low = quantile(v, 0.025);
    iv.high = quantile(v, 0.975);
  };
  fill(r.precision, p);
  fill(r.recall, rc);
  fill(r.f1, f);
  fill(r.macro_f1, mf);
  return r;
}

}  // namespace ner
