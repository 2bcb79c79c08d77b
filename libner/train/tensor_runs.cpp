#include "libner/train/tensor_runs.h"

#include <algorithm>

#include "libner/train/runtime.h"

namespace ner {

void for_each_tensor_run(const std::vector<torch::Tensor>& tensors, int tasks,
                         const std::function<void(std::size_t, std::size_t)>& body) {
  if (tasks <= 1 || tensors.size() <= 1) {
    body(0, tensors.size());
    return;
  }
  int64_t total = 0;
  for (const auto& t : tensors) total += t.numel();
  // A tensor goes to the run in whose share of the elements its middle falls.
  std::vector<std::size_t> ends;
  int64_t before = 0, run = 0;
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    const int64_t middle = 2 * before + tensors[i].numel();  // twice the middle, in elements
    const int64_t its_run = std::min<int64_t>(tasks - 1, middle * tasks / std::max<int64_t>(1, 2 * total));
    if (i > 0 && its_run != run) ends.push_back(i);
    run = its_run;
    before += tensors[i].numel();
  }
  ends.push_back(tensors.size());
  for_each_in_parallel(ends.size(), tasks, [&](std::size_t r) { body(r == 0 ? 0 : ends[r - 1], ends[r]); });
}

}  // namespace ner
