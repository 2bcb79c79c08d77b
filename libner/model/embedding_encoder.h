// The plain encoder: one trainable vector per token (character) of the vocabulary, randomly
// initialised or loaded from word2vec text vectors. Row 0 (<pad>) stays zero.
#pragma once

#include <cstdint>
#include <string>

#include <torch/torch.h>

#include "libner/model/parts.h"

namespace ner {

class Vocabulary;

class EmbeddingEncoder : public Encoder {
 public:
  EmbeddingEncoder(int64_t vocab_size, int64_t dim);

  torch::Tensor forward(const torch::Tensor& token_ids, const torch::Tensor& mask) override;
  int64_t output_dim() const override { return dim_; }

  // Copies the vectors of the vocabulary's tokens found in the file; returns how many.
  int64_t load_word2vec(const Vocabulary& vocabulary, const std::string& path);

 private:
  int64_t dim_;
  torch::nn::Embedding embedding_{nullptr};
};

}  // namespace ner
