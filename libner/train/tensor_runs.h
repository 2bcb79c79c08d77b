// Work over a list of tensors shared among CPU threads: the optimiser's step, gradient clipping
// and the sum of the batch parts' gradients are one operation per parameter, which on one thread
// left the other threads of a CPU run idle for a sixth of each step.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include <torch/torch.h>

namespace ner {

// Cuts `tensors` into at most `tasks` contiguous runs [begin, end) of about equal element counts
// and calls body(begin, end) for each, at once (for_each_in_parallel). Each tensor is in exactly
// one run and is handled by one thread, so the results are those of one run over all of them.
void for_each_tensor_run(const std::vector<torch::Tensor>& tensors, int tasks,
                         const std::function<void(std::size_t, std::size_t)>& body);

}  // namespace ner
