#include "libner/train/batching.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "libner/split/prng.h"

namespace ner {

std::uint64_t uniform_below(std::uint64_t bound, std::mt19937_64& rng) {
  // Rejection sampling: draws above the largest multiple of `bound` would favour small values.
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
  std::uint64_t x;
  do x = rng();
  while (x >= limit);
  return x % bound;
}

std::uint64_t epoch_seed(std::uint64_t seed, std::size_t epoch) {
  // SplitMix64's output function applied twice, so that nearby seeds and epochs give unrelated streams.
  const std::uint64_t mixed_seed = split::SplitMix64(seed).next();
  return split::SplitMix64(mixed_seed ^ static_cast<std::uint64_t>(epoch)).next();
}

namespace {

// Cuts indices (already in the wanted order) into consecutive batches within the limits.
void cut(const std::vector<std::size_t>& order, const std::vector<std::size_t>& lengths,
         const BatchLimits& limits, std::vector<Batch>& batches) {
  Batch batch;
  std::size_t longest = 0;
  for (std::size_t i : order) {
    const std::size_t len = lengths[i];
    const std::size_t new_longest = std::max(longest, len);
    const bool full = !batch.empty() &&
                      ((limits.sentences && batch.size() >= limits.sentences) ||
                       (limits.tokens && new_longest * (batch.size() + 1) > limits.tokens));
    if (full) {
      batches.push_back(std::move(batch));
      batch.clear();
      longest = 0;
    }
    batch.push_back(i);
    longest = std::max(longest, len);
  }
  if (!batch.empty()) batches.push_back(std::move(batch));
}

void sort_by_length(std::vector<std::size_t>::iterator first, std::vector<std::size_t>::iterator last,
                    const std::vector<std::size_t>& lengths) {
  std::stable_sort(first, last, [&](std::size_t a, std::size_t b) { return lengths[a] < lengths[b]; });
}

}  // namespace

std::vector<Batch> make_batches(const std::vector<std::size_t>& lengths, const BatchLimits& limits,
                                std::optional<std::uint64_t> shuffle_seed) {
  if (limits.sentences == 0 && limits.tokens == 0)
    throw std::invalid_argument("a batch needs a limit in sentences or in tokens");
  std::vector<std::size_t> order;
  order.reserve(lengths.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < lengths.size(); ++i)
    if (lengths[i] > 0) {
      order.push_back(i);
      total += lengths[i];
    }
  std::vector<Batch> batches;
  if (!shuffle_seed) {
    sort_by_length(order.begin(), order.end(), lengths);
    cut(order, lengths, limits, batches);
    return batches;
  }
  std::mt19937_64 rng(*shuffle_seed);
  shuffle_in_place(order, rng);
  // Sentences per batch, estimated from the mean length when the limit is in tokens.
  std::size_t per_batch = limits.sentences;
  if (limits.tokens && !order.empty()) {
    const std::size_t mean = std::max<std::size_t>(1, total / order.size());
    const std::size_t by_tokens = std::max<std::size_t>(1, limits.tokens / mean);
    per_batch = per_batch ? std::min(per_batch, by_tokens) : by_tokens;
  }
  const std::size_t pool = std::max<std::size_t>(1, per_batch * std::max<std::size_t>(1, limits.pool));
  for (std::size_t begin = 0; begin < order.size(); begin += pool) {
    const std::size_t end = std::min(order.size(), begin + pool);
    std::vector<std::size_t> part(order.begin() + begin, order.begin() + end);
    sort_by_length(part.begin(), part.end(), lengths);
    cut(part, lengths, limits, batches);
  }
  shuffle_in_place(batches, rng);
  return batches;
}

}  // namespace ner
