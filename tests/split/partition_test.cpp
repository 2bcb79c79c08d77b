#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <vector>

#include "libner/io/error.h"
#include "libner/split/partition.h"
#include "libner/split/prng.h"

using ner::split::apportion;
using ner::split::parse_ratio;
using ner::split::parse_shard;
using ner::split::RandomAssignment;
using ner::split::shard_range;
using ner::split::SplitMix64;
using ner::split::Xoshiro256;
using Sizes = std::vector<std::uint64_t>;

// The expected words come from a separate Python transcription of the reference C code
// (prng.sq.c and xoshiro256starstar.c by Vigna); SplitMix64 from 0 starting 0xe220a8397b1dcdaf is
// the published first value. A split is reproducible on every machine only if these hold.
TEST_CASE("the generators reproduce the reference sequences", "[split][prng]") {
  SplitMix64 mix(0);
  CHECK(mix.next() == 0xe220a8397b1dcdafULL);
  CHECK(mix.next() == 0x6e789e6aa1b965f4ULL);
  CHECK(mix.next() == 0x06c45d188009454fULL);
  Xoshiro256 rng(1);
  CHECK(rng.next() == 0xb3f2af6d0fc710c5ULL);
  CHECK(rng.next() == 0x853b559647364ceaULL);
  CHECK(rng.next() == 0x92f89756082a4514ULL);
  CHECK(rng.next() == 0x642e1c7bc266a3a7ULL);
  Xoshiro256 other(12345);
  CHECK(other.next() == 0xbe6a36374160d49bULL);
  CHECK(other.next() == 0x214aaa0637a688c6ULL);
}

TEST_CASE("bounded draws stay in range and are close to uniform", "[split][prng]") {
  Xoshiro256 rng(7);
  for (int i = 0; i < 100; ++i) CHECK(rng.below(1) == 0);
  std::map<std::uint64_t, int> counts;
  const int draws = 60000;
  for (int i = 0; i < draws; ++i) {
    const auto x = rng.below(6);
    REQUIRE(x < 6);
    ++counts[x];
  }
  REQUIRE(counts.size() == 6);
  for (const auto& [value, n] : counts) CHECK(std::abs(n - draws / 6) < draws / 6 / 20);  // within 5%
  // A bound just above 2^63 rejects almost half of the words: still in range.
  const std::uint64_t big = (1ULL << 63) + 12345;
  for (int i = 0; i < 1000; ++i) CHECK(rng.below(big) < big);
}

TEST_CASE("ratios parse into integer weights", "[split][partition]") {
  CHECK(parse_ratio("6:2:2") == Sizes{6, 2, 2});
  CHECK(parse_ratio("8:1:1") == Sizes{8, 1, 1});
  CHECK(parse_ratio("0.8:0.1:0.1") == Sizes{8, 1, 1});
  CHECK(parse_ratio("0.75:0.25") == Sizes{75, 25});
  CHECK(parse_ratio("1.5:1") == Sizes{15, 10});
  CHECK(parse_ratio(".5:1") == Sizes{5, 10});
  for (const char* bad : {"6:2:x", "6:0:2", "0:0", "0.0:1", "6", "", "6::2", "-1:2", "1e3:1", ".:1", "6:2:", "1:2 ",
                          "1234567890:1", "1:0.1234567890"})
    CHECK_THROWS_AS(parse_ratio(bad), ner::UsageError);
}

TEST_CASE("largest-remainder sizes are exact", "[split][partition]") {
  CHECK(apportion(1000, {6, 2, 2}) == Sizes{600, 200, 200});
  CHECK(apportion(10, {1, 1, 1}) == Sizes{4, 3, 3});
  CHECK(apportion(11, {6, 2, 2}) == Sizes{7, 2, 2});  // quotas 6.6 2.2 2.2
  CHECK(apportion(7, {6, 2, 2}) == Sizes{4, 2, 1});   // quotas 4.2 1.4 1.4: the tie goes to the earlier part
  CHECK(apportion(0, {6, 2, 2}) == Sizes{0, 0, 0});
  CHECK(apportion(2, {1, 1, 1}) == Sizes{1, 1, 0});
  // Every size is within one of its quota, and the sizes sum to the total.
  const std::vector<Sizes> weightings = {{6, 2, 2}, {1, 1}, {3, 1}, {7, 5, 3, 1}, {1, 1, 1, 1, 1, 1, 1}, {999, 1}};
  for (const auto& weights : weightings) {
    std::uint64_t sum = 0;
    for (auto w : weights) sum += w;
    for (std::uint64_t total = 0; total < 300; ++total) {
      const Sizes sizes = apportion(total, weights);
      std::uint64_t given = 0;
      for (std::size_t k = 0; k < sizes.size(); ++k) {
        given += sizes[k];
        const double quota = static_cast<double>(total) * weights[k] / sum;
        CHECK(static_cast<double>(sizes[k]) > quota - 1);
        CHECK(static_cast<double>(sizes[k]) < quota + 1);
      }
      CHECK(given == total);
    }
  }
  // Totals near 2^64 do not overflow.
  const std::uint64_t huge = ~0ULL;
  const Sizes big = apportion(huge, {1000000000, 1});
  CHECK(big[0] + big[1] == huge);
}

TEST_CASE("a random assignment meets the sizes exactly and depends on the seed", "[split][partition]") {
  const Sizes sizes{60, 20, 20};
  auto draw = [&](std::uint64_t seed) {
    RandomAssignment assignment(sizes, seed);
    std::vector<std::size_t> parts;
    for (int i = 0; i < 100; ++i) parts.push_back(assignment.next());
    return parts;
  };
  const auto a = draw(1);
  Sizes counts(3);
  for (auto p : a) ++counts.at(p);
  CHECK(counts == sizes);
  CHECK(draw(1) == a);
  CHECK(draw(2) != a);
  CHECK(draw(0) != draw(2));
  RandomAssignment done(Sizes{1, 1}, 3);
  done.next();
  done.next();
  CHECK_THROWS(done.next());
}

TEST_CASE("every item is equally likely to land in each part", "[split][partition]") {
  // Over many seeds, item t goes to part k about size_k/total of the time, for the first and the
  // last item alike (a sequential draw that favoured early items would fail this).
  const Sizes sizes{6, 2, 2};
  const int seeds = 20000;
  std::vector<Sizes> hits(10, Sizes(3));
  for (int seed = 0; seed < seeds; ++seed) {
    RandomAssignment assignment(sizes, static_cast<std::uint64_t>(seed));
    for (int t = 0; t < 10; ++t) ++hits[t][assignment.next()];
  }
  for (int t : {0, 4, 9}) {
    CHECK(std::abs(static_cast<double>(hits[t][0]) / seeds - 0.6) < 0.02);
    CHECK(std::abs(static_cast<double>(hits[t][1]) / seeds - 0.2) < 0.02);
    CHECK(std::abs(static_cast<double>(hits[t][2]) / seeds - 0.2) < 0.02);
  }
}

TEST_CASE("shards are contiguous, ordered and balanced", "[split][partition]") {
  CHECK(shard_range(10, 1, 3) == std::make_pair<std::uint64_t, std::uint64_t>(0, 4));
  CHECK(shard_range(10, 2, 3) == std::make_pair<std::uint64_t, std::uint64_t>(4, 7));
  CHECK(shard_range(10, 3, 3) == std::make_pair<std::uint64_t, std::uint64_t>(7, 10));
  for (std::uint64_t total : {0, 1, 2, 5, 17, 1000}) {
    for (std::uint64_t count = 1; count <= 9; ++count) {
      std::uint64_t next = 0;
      for (std::uint64_t i = 1; i <= count; ++i) {
        const auto [first, end] = shard_range(total, i, count);
        CHECK(first == next);
        CHECK(end - first >= total / count);
        CHECK(end - first <= total / count + 1);
        next = end;
      }
      CHECK(next == total);
    }
  }
}

TEST_CASE("shard specifications parse", "[split][partition]") {
  CHECK(parse_shard("1/1") == std::make_pair<std::uint64_t, std::uint64_t>(1, 1));
  CHECK(parse_shard("3/8") == std::make_pair<std::uint64_t, std::uint64_t>(3, 8));
  for (const char* bad : {"0/3", "4/3", "3", "/3", "1/", "a/3", "1/3/4", "-1/3", "1/0", ""})
    CHECK_THROWS_AS(parse_shard(bad), ner::UsageError);
}
