// Length-bucketed batches: every sentence exactly once, limits kept, deterministic per seed, and
// the learning-rate schedule's shape.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "libner/train/batching.h"
#include "libner/train/lr_schedule.h"

namespace {

std::vector<std::size_t> random_lengths(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::size_t> lengths(n);
  for (auto& l : lengths) l = rng() % 60;  // zeros included: they must be left out
  return lengths;
}

void check_cover(const std::vector<ner::Batch>& batches, const std::vector<std::size_t>& lengths) {
  std::vector<int> seen(lengths.size(), 0);
  for (const auto& b : batches) {
    REQUIRE(!b.empty());
    for (auto i : b) seen[i] += 1;
  }
  for (std::size_t i = 0; i < lengths.size(); ++i) CHECK(seen[i] == (lengths[i] > 0 ? 1 : 0));
}

}  // namespace

TEST_CASE("batches cover every non-empty sentence once, within the limits", "[train][batching]") {
  const auto lengths = random_lengths(1000, 7);
  for (std::optional<std::uint64_t> seed : {std::optional<std::uint64_t>(), std::optional<std::uint64_t>(42)}) {
    SECTION(seed ? "shuffled" : "sorted") {
      ner::BatchLimits by_sentences{16, 0, 10};
      auto batches = ner::make_batches(lengths, by_sentences, seed);
      check_cover(batches, lengths);
      for (const auto& b : batches) CHECK(b.size() <= 16);

      ner::BatchLimits by_tokens{0, 300, 10};
      batches = ner::make_batches(lengths, by_tokens, seed);
      check_cover(batches, lengths);
      for (const auto& b : batches) {
        std::size_t longest = 0;
        for (auto i : b) longest = std::max(longest, lengths[i]);
        CHECK((b.size() == 1 || longest * b.size() <= 300));
      }
    }
  }
}

TEST_CASE("a sentence longer than the token budget gets a batch of its own", "[train][batching]") {
  const std::vector<std::size_t> lengths{5, 500, 5};
  const auto batches = ner::make_batches(lengths, ner::BatchLimits{8, 100, 1});
  check_cover(batches, lengths);
  bool alone = false;
  for (const auto& b : batches) alone |= b == ner::Batch{1};
  CHECK(alone);
}

TEST_CASE("unshuffled batches follow the length order", "[train][batching]") {
  const std::vector<std::size_t> lengths{9, 3, 7, 3, 1};
  const auto batches = ner::make_batches(lengths, ner::BatchLimits{2, 0, 1});
  REQUIRE(batches.size() == 3);
  CHECK(batches[0] == ner::Batch{4, 1});
  CHECK(batches[1] == ner::Batch{3, 2});
  CHECK(batches[2] == ner::Batch{0});
}

TEST_CASE("shuffled batches are deterministic for a seed and differ between seeds", "[train][batching]") {
  const auto lengths = random_lengths(500, 3);
  const ner::BatchLimits limits{8, 0, 5};
  const auto a = ner::make_batches(lengths, limits, 1);
  const auto b = ner::make_batches(lengths, limits, 1);
  const auto c = ner::make_batches(lengths, limits, 2);
  CHECK(a == b);
  CHECK(a != c);
  // Epoch seeds: a function of (seed, epoch) only, different across epochs.
  CHECK(ner::epoch_seed(1, 3) == ner::epoch_seed(1, 3));
  CHECK(ner::epoch_seed(1, 3) != ner::epoch_seed(1, 4));
  CHECK(ner::epoch_seed(1, 3) != ner::epoch_seed(2, 3));
}

TEST_CASE("bucketing keeps padding low: batches hold sentences of similar length", "[train][batching]") {
  const auto lengths = random_lengths(2000, 11);
  const ner::BatchLimits limits{16, 0, 50};
  std::size_t padded = 0, real = 0, padded_random = 0;
  for (const auto& b : ner::make_batches(lengths, limits, 5)) {
    std::size_t longest = 0;
    for (auto i : b) longest = std::max(longest, lengths[i]), real += lengths[i];
    padded += longest * b.size();
  }
  // The same batch sizes without sorting: consecutive shuffled sentences.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < lengths.size(); ++i)
    if (lengths[i]) order.push_back(i);
  std::mt19937_64 rng(5);
  ner::shuffle_in_place(order, rng);
  for (std::size_t k = 0; k < order.size(); k += 16) {
    std::size_t longest = 0;
    for (std::size_t j = k; j < std::min(order.size(), k + 16); ++j) longest = std::max(longest, lengths[order[j]]);
    padded_random += longest * (std::min(order.size(), k + 16) - k);
  }
  CHECK(padded < real * 11 / 10);
  CHECK(padded < padded_random);
}

TEST_CASE("the shuffle is an unbiased permutation", "[train][batching]") {
  // Every item lands in every position about equally often.
  std::mt19937_64 rng(9);
  std::vector<std::vector<int>> counts(4, std::vector<int>(4, 0));
  for (int t = 0; t < 40000; ++t) {
    std::vector<int> v{0, 1, 2, 3};
    ner::shuffle_in_place(v, rng);
    for (int p = 0; p < 4; ++p) counts[v[p]][p] += 1;
  }
  for (const auto& row : counts)
    for (int c : row) CHECK(std::abs(c - 10000) < 500);
}

TEST_CASE("learning rate: warm-up, then constant, linear or cosine decay", "[train][lr]") {
  ner::LrSchedule s;
  s.base = 1.0;
  s.warmup_steps = 4;
  s.total_steps = 14;
  CHECK(s.at(0) == Approx(0.25));
  CHECK(s.at(3) == Approx(1.0));
  CHECK(s.at(10) == Approx(1.0));
  s.decay = ner::LrDecay::linear;
  CHECK(s.at(4) == Approx(1.0));
  CHECK(s.at(9) == Approx(0.5));
  CHECK(s.at(14) == Approx(0.0).margin(1e-12));
  CHECK(s.at(100) == Approx(0.0).margin(1e-12));
  s.decay = ner::LrDecay::cosine;
  s.final_ratio = 0.1;
  CHECK(s.at(9) == Approx(0.55));
  CHECK(s.at(14) == Approx(0.1));
  CHECK(ner::parse_lr_decay("cosine") == ner::LrDecay::cosine);
  CHECK_THROWS(ner::parse_lr_decay("exp"));
}
