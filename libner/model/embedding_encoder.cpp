#include "libner/model/embedding_encoder.h"

#include "libner/model/vocabulary.h"
#include "libner/model/word2vec.h"

namespace ner {

EmbeddingEncoder::EmbeddingEncoder(int64_t vocab_size, int64_t dim) : dim_(dim) {
  embedding_ = register_module(
      "embedding", torch::nn::Embedding(torch::nn::EmbeddingOptions(vocab_size, dim).padding_idx(0)));
}

torch::Tensor EmbeddingEncoder::forward(const torch::Tensor& token_ids, const torch::Tensor&) {
  return embedding_->forward(token_ids);
}

int64_t EmbeddingEncoder::load_word2vec(const Vocabulary& vocabulary, const std::string& path) {
  // Read into a CPU copy first: one transfer to the device at the end.
  torch::NoGradGuard no_grad;
  auto weight = embedding_->weight.detach().to(torch::kCPU, torch::kFloat).clone();
  auto rows = weight.accessor<float, 2>();
  int64_t found = 0;
  read_word2vec(
      path, dim_, [&](const std::string& token) { return vocabulary.contains(token) && vocabulary.id(token) > 1; },
      [&](const std::string& token, const std::vector<float>& values) {
        const int64_t id = vocabulary.id(token);
        if (id >= weight.size(0)) return;
        for (int64_t i = 0; i < dim_; ++i) rows[id][i] = values[static_cast<std::size_t>(i)];
        ++found;
      });
  embedding_->weight.copy_(weight);
  return found;
}

}  // namespace ner
