// Long inputs in overlapping windows. A BERT encoder reads at most max_position_embeddings - 2
// tokens ([CLS] and [SEP] take two positions), so a longer record is tagged as windows of `window`
// tokens that start every `stride` tokens; each window is decoded on its own and each token takes
// its label from the window in which it sits most centrally (the one where it has the most context
// on its shorter side), as BERT's run_squad.py picks the "max context" document span for an answer.
// Torch-free.
#pragma once

#include <cstddef>
#include <vector>

namespace ner {

struct TokenWindow {
  std::size_t begin = 0;  // token indices, end exclusive
  std::size_t end = 0;
};

// Windows over `length` tokens: [0, window), [stride, stride + window), ..., the last one ending at
// `length` exactly (moved back to start at length - window). One window [0, length) when length <=
// window. Throws std::invalid_argument when window is 0 or stride is 0 or larger than window (a
// token would be in no window).
std::vector<TokenWindow> make_windows(std::size_t length, std::size_t window, std::size_t stride);

// For each token of [0, length), the index of the window that contains it with the largest
// min(tokens before it in the window, tokens after it); ties go to the earlier window.
std::vector<std::size_t> central_windows(const std::vector<TokenWindow>& windows, std::size_t length);

}  // namespace ner
