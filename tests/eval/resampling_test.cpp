#include <catch2/catch.hpp>

#include "libner/eval/bootstrap.h"
#include "libner/split/prng.h"
#include "libner/eval/significance.h"

namespace {

// n units of one type, each with one gold entity; system quality q in [0, 1]: a unit is right when
// (i * 7919) % 100 < q * 100.
ner::Units system(std::size_t n, double q, std::size_t offset = 0) {
  ner::Units u;
  for (std::size_t i = 0; i < n; ++i) {
    u.start();
    const bool right = static_cast<double>((i * 7919 + offset) % 100) < q * 100;
    u.add(0, ner::TypeCounts{1, 1, right ? 1u : 0u});
  }
  return u;
}

}  // namespace

TEST_CASE("SplitMix64 gives the reference sequence", "[eval]") {
  // The first outputs for seed 1234567 in Vigna's splitmix64.c test.
  ner::split::SplitMix64 r(1234567);
  CHECK(r.next() == 6457827717110365317ULL);
  CHECK(r.next() == 3203168211198807973ULL);
  CHECK(r.next() == 9817491932198370423ULL);
  ner::split::SplitMix64 s(9);
  std::size_t counts[3] = {0, 0, 0};
  for (int i = 0; i < 3000; ++i) ++counts[s.below(3)];
  for (auto c : counts) CHECK(c > 900);
}

TEST_CASE("quantile interpolates as R's type 7", "[eval]") {
  CHECK(ner::quantile({1, 2, 3, 4}, 0.5) == Approx(2.5));
  CHECK(ner::quantile({1, 2, 3, 4}, 0.025) == Approx(1.075));
  CHECK(ner::quantile({5}, 0.975) == 5);
}

TEST_CASE("the bootstrap interval holds the score and is seeded", "[eval]") {
  const auto u = system(400, 0.8);
  const auto a = ner::bootstrap(u, 300, 7);
  const auto b = ner::bootstrap(u, 300, 7);
  const auto c = ner::bootstrap(u, 300, 8);
  CHECK(a.f1.value == Approx(80.0));
  CHECK(a.f1.low < 80.0);
  CHECK(a.f1.high > 80.0);
  CHECK(a.f1.high - a.f1.low < 10.0);
  CHECK(a.f1.low == b.f1.low);   // the same seed, the same figures
  CHECK(a.f1.high == b.f1.high);
  CHECK(a.f1.low != c.f1.low);
  CHECK(a.macro_f1.value == Approx(80.0));
}

TEST_CASE("significance tests tell systems apart, and not a system from itself", "[eval]") {
  const auto good = system(500, 0.9);
  const auto bad = system(500, 0.6, 13);
  auto c = ner::compare(good, bad, 500, 500, 1);
  CHECK(c.f1_a == Approx(90.0));
  CHECK(c.f1_b == Approx(60.0));
  CHECK(c.difference.value == Approx(30.0));
  CHECK(c.p_randomization < 0.01);
  CHECK(c.p_bootstrap < 0.01);
  CHECK(c.difference.low > 20.0);
  auto same = ner::compare(good, good, 200, 200, 1);
  CHECK(same.p_randomization == 1.0);
  CHECK(same.p_bootstrap == 1.0);
  auto again = ner::compare(good, bad, 500, 500, 1);
  CHECK(again.p_randomization == c.p_randomization);
  CHECK(again.difference.low == c.difference.low);
}
