// A bidirectional LSTM over each sentence (Huang et al. 2015; Lample et al. 2016).
//
// Padding must not reach a sentence: the forward direction reads left to right, so the padding
// after a sentence comes too late to matter; the backward direction reads each sentence reversed
// within its own length (its last token first, the padding still after it). Two unidirectional
// LSTMs over padded batches do this; packed sequences would too, but LibTorch's CPU backward
// through packed LSTMs is about 4-10 times slower (measured here with 1.13). Each direction runs
// through ner::lstm (lstm.h), which keeps the parameters of torch::nn::LSTM and so its model files.
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
  double dropout_;
  torch::nn::ModuleList forward_, backward_;  // one unidirectional LSTM per layer and direction
};

// Reverses each row of x [B,T,D] within its length (mask [B,T], left-aligned), leaving padded
// positions in place. Its own inverse.
torch::Tensor reverse_within_length(const torch::Tensor& x, const torch::Tensor& mask);

}  // namespace ner
