// The three interchangeable parts of a tagger, each behind one small interface (as
// sentencepiece's model_interface.h): an Encoder turns token ids into vectors, a ContextLayer mixes
// each vector with its neighbours, a Decoder turns label scores into a loss and into label
// sequences. model_factory.h builds them by name.
//
// Shapes: token_ids [B,T] int64, mask [B,T] bool (true on real tokens, left-aligned), vectors
// [B,T,D]. Outputs at padded positions are unspecified, but no part lets them change the outputs
// at real positions: a sentence is scored the same alone or batched with longer ones.
#pragma once

#include <cstdint>
#include <vector>

#include <torch/torch.h>

namespace ner {

class Encoder : public torch::nn::Module {
 public:
  virtual torch::Tensor forward(const torch::Tensor& token_ids, const torch::Tensor& mask) = 0;
  virtual int64_t output_dim() const = 0;
};

class ContextLayer : public torch::nn::Module {
 public:
  virtual torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask) = 0;
  virtual int64_t output_dim() const = 0;
};

class Decoder : public torch::nn::Module {
 public:
  // Mean loss of a batch; `emissions` [B,T,L], `labels` [B,T] int64 (padded positions ignored).
  virtual torch::Tensor loss(const torch::Tensor& emissions, const torch::Tensor& mask, const torch::Tensor& labels) = 0;
  // Best label ids, mask[b].sum() of them for row b.
  virtual std::vector<std::vector<int64_t>> decode(const torch::Tensor& emissions, const torch::Tensor& mask) = 0;
  // Per-token label probabilities [B,T,L], zero at padded positions.
  virtual torch::Tensor marginals(const torch::Tensor& emissions, const torch::Tensor& mask) = 0;
};

}  // namespace ner
