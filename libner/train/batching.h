// Length-bucketed batches of sentence indices, for training and for tagging.
//
// Padding costs time in every layer (a batch is as long as its longest sentence), so sentences of
// similar length are batched together. For training, the order must still change from epoch to
// epoch: the indices are shuffled, cut into pools of `pool` batches, each pool sorted by length
// and cut into batches, and the batches shuffled (the "bucket iterator" of torchtext and AllenNLP).
// Shuffling uses its own generator (std::mt19937_64, whose output the C++ standard fixes) and its
// own Fisher-Yates loop, so a seed gives the same batches on every machine and standard library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

namespace ner {

struct BatchLimits {
  std::size_t sentences = 32;  // at most this many sentences in a batch (0: no limit)
  std::size_t tokens = 0;      // at most this many padded tokens (batch size × longest; 0: no limit)
  std::size_t pool = 50;       // batches per length-sorted pool when shuffling
};

using Batch = std::vector<std::size_t>;  // indices of sentences

// Batches covering every index i with lengths[i] > 0 exactly once. Without a seed the batches
// follow the sentences sorted by length (ties in input order), which is what tagging wants; with
// one they are bucketed and shuffled as described above. A batch always takes at least one
// sentence, however long. Throws std::invalid_argument when both limits are 0.
std::vector<Batch> make_batches(const std::vector<std::size_t>& lengths, const BatchLimits& limits,
                                std::optional<std::uint64_t> shuffle_seed = std::nullopt);

// A seed for one epoch, derived from the run's seed, so that epoch k shuffles the same way whether
// the run started at epoch 1 or resumed at k (SplitMix64 of the pair).
std::uint64_t epoch_seed(std::uint64_t seed, std::size_t epoch);

// Fisher-Yates with an unbiased bounded draw, independent of the standard library's distributions.
template <class T>
void shuffle_in_place(std::vector<T>& items, std::mt19937_64& rng);

std::uint64_t uniform_below(std::uint64_t bound, std::mt19937_64& rng);  // in [0, bound), bound > 0

template <class T>
void shuffle_in_place(std::vector<T>& items, std::mt19937_64& rng) {
  for (std::size_t i = items.size(); i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(uniform_below(i, rng));
    std::swap(items[i - 1], items[j]);
  }
}

}  // namespace ner
