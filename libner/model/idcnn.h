// Iterated dilated convolutions (Strubell et al. 2017, "Fast and Accurate Entity Recognition with
// Iterated Dilated Convolutions", EMNLP): a projection convolution, then one block of dilated
// convolutions (dilations 1, 1, 2) applied `iterations` times with the same weights, so the
// receptive field grows with depth while the parameters do not. As in the widely used Chinese NER
// implementation (zjy-ucas/ChineseNER), the outputs of all iterations are concatenated.
#pragma once

#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include "libner/model/parts.h"

namespace ner {

class IdCnn : public ContextLayer {
 public:
  IdCnn(int64_t input_dim, int64_t filters, int64_t kernel, const std::vector<int64_t>& dilations, int64_t iterations);

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask) override;
  int64_t output_dim() const override { return filters_ * iterations_; }

 private:
  int64_t filters_, iterations_;
  torch::nn::Conv1d projection_{nullptr};
  torch::nn::ModuleList block_;  // one Conv1d per dilation, shared by all iterations
};

}  // namespace ner
