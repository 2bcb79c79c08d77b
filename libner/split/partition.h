// How many units each part of a split gets, and which part each unit goes to: exact part sizes
// by largest remainder, a seeded random assignment that meets them exactly, and the contiguous
// ranges of shards. None of this holds one entry per unit, so a split of any size runs in memory
// that does not grow with the corpus.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "libner/split/prng.h"

namespace ner::split {

// Parses a ratio such as "6:2:2" or "0.8:0.1:0.1" into integer weights of the same proportions
// (decimals are scaled by a common power of ten). Each part must be a positive number and there
// must be at least two. Throws ner::UsageError.
std::vector<std::uint64_t> parse_ratio(const std::string& text);

// Splits `total` items into parts proportional to `weights` with the largest-remainder (Hamilton)
// method: each part gets the floor of its quota, and the items left over go one each to the
// parts with the largest remainders, ties to the earlier part. The sizes sum to `total` and each
// is within one of its exact quota.
std::vector<std::uint64_t> apportion(std::uint64_t total, const std::vector<std::uint64_t>& weights);

// Assigns items, one at a time in input order, to parts of fixed sizes, uniformly at random among
// all assignments with exactly those sizes: item t goes to part k with probability (items part k
// still needs) / (items left), the sequential sampling of Knuth (TAOCP vol. 2, 3.4.2, Algorithm
// S) extended to several parts. The result has the distribution of shuffling the items with a
// seeded permutation and cutting it into consecutive runs, without storing the permutation.
class RandomAssignment {
 public:
  RandomAssignment(std::vector<std::uint64_t> sizes, std::uint64_t seed);

  // The part of the next item. Calling it more times than the sizes sum to is a logic error.
  std::size_t next();

 private:
  std::vector<std::uint64_t> left_;  // items each part still needs
  std::uint64_t total_left_ = 0;
  Xoshiro256 rng_;
};

// Shard `index` (1-based) of `count`: the items [first, second) of `total`, contiguous and in
// order, sizes differing by at most one, larger shards first.
std::pair<std::uint64_t, std::uint64_t> shard_range(std::uint64_t total, std::uint64_t index, std::uint64_t count);

// Parses "i/N" (1 <= i <= N). Throws ner::UsageError.
std::pair<std::uint64_t, std::uint64_t> parse_shard(const std::string& text);

}  // namespace ner::split
