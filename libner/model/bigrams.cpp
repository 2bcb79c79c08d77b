#include "libner/model/bigrams.h"

#include <algorithm>
#include <unordered_map>

#include "libner/model/vocabulary.h"

namespace ner {

std::vector<int64_t> collect_bigram_keys(const std::vector<std::vector<int64_t>>& sentences, int64_t vocab_size,
                                         int64_t min_count) {
  std::unordered_map<int64_t, int64_t> counts;
  for (const auto& ids : sentences) {
    if (ids.empty()) continue;
    int64_t prev = Vocabulary::kPad;
    for (const auto id : ids) {
      ++counts[bigram_key(prev, id, vocab_size)];
      prev = id;
    }
    ++counts[bigram_key(prev, Vocabulary::kPad, vocab_size)];
  }
  std::vector<int64_t> keys;
  for (const auto& [key, n] : counts)
    if (n >= min_count) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace ner
