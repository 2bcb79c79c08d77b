// Compares a layer's output and gradients with a reference computation's.
#pragma once

#include <utility>
#include <vector>

#include "tests/model/torch_catch.h"

namespace ner_test {

// The largest absolute difference between two tensors (0 for empty ones).
inline double max_difference(const torch::Tensor& a, const torch::Tensor& b) {
  return a.numel() == 0 ? 0.0 : (a - b).abs().max().item<double>();
}

// Checks y against y_ref, backpropagates one random upstream gradient through both (not all ones,
// so that a transposed product would show), and checks the gradients of each pair of leaves
// (computed, reference); pairs with an undefined leaf are skipped.
inline void check_same_outputs_and_gradients(const torch::Tensor& y, const torch::Tensor& y_ref,
                                             const std::vector<std::pair<torch::Tensor, torch::Tensor>>& leaves,
                                             double tolerance) {
  REQUIRE(y.sizes() == y_ref.sizes());
  CHECK(max_difference(y, y_ref) < tolerance);
  const auto upstream = torch::randn(y.sizes());
  (y * upstream).sum().backward();
  (y_ref * upstream).sum().backward();
  for (const auto& [leaf, reference] : leaves)
    if (leaf.defined()) CHECK(max_difference(leaf.grad(), reference.grad()) < tolerance);
}

}  // namespace ner_test
