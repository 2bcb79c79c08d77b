// Character bigrams as the embedding encoder sees them: the pair (token t-1, token t) of a
// sentence's ids, keyed as one integer prev * vocab_size + id. Id 0 (<pad>) stands for the edges,
// so a sentence of n tokens has n + 1 bigrams: (0, first), ..., (last, 0). Torch-free; the
// encoder computes the same keys in tensor arithmetic (embedding_encoder.cpp).
#pragma once

#include <cstdint>
#include <vector>

namespace ner {

inline int64_t bigram_key(int64_t prev_id, int64_t id, int64_t vocab_size) { return prev_id * vocab_size + id; }

// The sorted keys of the bigrams seen at least `min_count` times in `sentences` (token ids of a
// vocabulary of `vocab_size`), edge bigrams included.
std::vector<int64_t> collect_bigram_keys(const std::vector<std::vector<int64_t>>& sentences, int64_t vocab_size,
                                         int64_t min_count);

}  // namespace ner
