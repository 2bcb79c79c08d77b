// A bidirectional LSTM over each sentence (Huang et al. 2015; Lample et al. 2016). Sentences are
// packed by length, so the backward direction starts at each sentence's own last token and never
// reads padding.
#pragma once

#include <cstdint>

#include <torch/torch.h>

#include "libner/model/parts.h"

namespace ner {

class BiLstm : public ContextLayer {
 public:
  // `hidden` units per direction; `dropout` between stacked layers (unused for one layer).
  BiLstm(int64_t input_dim, int64_t hidden, int64_t layers, double dropout);

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask) override;
  int64_t output_dim() const override { return 2 * hidden_; }

 private:
  int64_t hidden_;
  torch::nn::LSTM lstm_{nullptr};
};

}  // namespace ner
