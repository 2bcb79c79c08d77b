// Reading pre-trained embeddings in word2vec's text format (also GloVe's and the Chinese
// character vectors' format): an optional first line "count dimension", then one token per line
// followed by its values, separated by spaces or TABs. .zst files are read transparently.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ner {

// Calls `use(token, values)` for each vector whose token `wanted` accepts. Every vector must have
// `dimension` values (the header's, when there is one, must agree): otherwise throws
// ner::Error(path, line, ...). Returns the number of vectors read (wanted or not).
int64_t read_word2vec(const std::string& path, int64_t dimension, const std::function<bool(const std::string&)>& wanted,
                      const std::function<void(const std::string&, const std::vector<float>&)>& use);

}  // namespace ner
