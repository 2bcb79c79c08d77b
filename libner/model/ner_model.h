// The tagger network: encoder (token ids -> vectors), context layer (vectors -> contextual
// vectors), a linear layer to one score per label ("emissions"), and a decoder (CRF or softmax)
// that turns emissions into a loss for training and label sequences for tagging. The parts are
// chosen by name from a ModelConfig by the factory in model_factory.h (interfaces in parts.h); this class only wires them.
//
// Batches are left-aligned: token_ids [B,T] int64, mask [B,T] bool (true on real tokens, a row's
// true entries first). Every tensor the model makes takes its device from the input, so one code
// path serves CPU and CUDA.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "libner/model/model_config.h"

namespace ner {

class Vocabulary;
class Encoder;
class EmbeddingEncoder;
class ContextLayer;
class Decoder;

class NerModelImpl : public torch::nn::Module {
 public:
  NerModelImpl(const ModelConfig& config, int64_t vocab_size, const std::vector<std::string>& labels);

  // Label scores before the decoder: [B,T,num_labels].
  torch::Tensor emissions(const torch::Tensor& token_ids, const torch::Tensor& mask);

  // Mean negative log-likelihood per sentence (CRF) or mean cross-entropy per token (softmax).
  torch::Tensor loss(const torch::Tensor& token_ids, const torch::Tensor& mask, const torch::Tensor& label_ids);

  // The best label ids of each sentence; row b has mask[b].sum() entries. With `marginals`, also
  // what marginals() gives, from the same forward pass.
  std::vector<std::vector<int64_t>> decode(const torch::Tensor& token_ids, const torch::Tensor& mask,
                                           torch::Tensor* marginals = nullptr);

  // Per-token label probabilities [B,T,num_labels] (CRF: marginals by forward-backward; softmax:
  // the softmax). Padding rows are zero. For confidence scores in ner-tag.
  torch::Tensor marginals(const torch::Tensor& token_ids, const torch::Tensor& mask);

  // Overwrites the embedding rows of the tokens found in a word2vec text file (first line
  // "count dim" optional; then "token v1 ... vdim"). Returns how many tokens were found. Throws
  // ner::Error on a malformed file or a dimension other than embedding_dim.
  int64_t load_embeddings(const Vocabulary& vocabulary, const std::string& word2vec_text_path);

  // The encoder as the embedding encoder (the trainer sets its bigrams); throws ner::UsageError
  // naming `option` when the model has another encoder.
  EmbeddingEncoder& embedding_encoder(const std::string& option);

  int64_t parameter_count() const;
  // The encoder part (the trainer loads a pre-trained BERT into it and sets its learning rate).
  const std::shared_ptr<Encoder>& encoder() const { return encoder_; }
  const ModelConfig& config() const { return config_; }
  const std::vector<std::string>& labels() const { return labels_; }
  int64_t num_labels() const { return static_cast<int64_t>(labels_.size()); }

 private:
  ModelConfig config_;
  std::vector<std::string> labels_;
  std::shared_ptr<Encoder> encoder_;
  std::shared_ptr<ContextLayer> context_;
  torch::nn::Linear projection_{nullptr};
  std::shared_ptr<Decoder> decoder_;
};
TORCH_MODULE(NerModel);

}  // namespace ner
