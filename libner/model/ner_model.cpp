#include "libner/model/ner_model.h"

#include "libner/io/error.h"
#include "libner/model/dropout.h"
#include "libner/model/embedding_encoder.h"
#include "libner/model/linear.h"
#include "libner/model/model_factory.h"
#include "libner/model/vocabulary.h"

namespace ner {

NerModelImpl::NerModelImpl(const ModelConfig& config, int64_t vocab_size, const std::vector<std::string>& labels)
    : config_(config), labels_(labels) {
  config_.validate();
  if (labels_.empty()) throw Error("a model needs at least one label");
  encoder_ = register_module("encoder", make_encoder(config_, vocab_size));
  context_ = register_module("context", make_context(config_, encoder_->output_dim()));
  projection_ = register_module("projection", torch::nn::Linear(context_->output_dim(), num_labels()));
  decoder_ = register_module("decoder", make_decoder(config_, labels_));
}

torch::Tensor NerModelImpl::emissions(const torch::Tensor& token_ids, const torch::Tensor& mask) {
  // Dropout on the encoder's vectors and on the context layer's, as Lample et al. (2016) do.
  auto x = ner::dropout(encoder_->forward(token_ids, mask), config_.dropout, is_training());
  x = ner::dropout(context_->forward(x, mask), config_.dropout, is_training());
  // Float32 scores even under bf16 autocast: the CRF's log-sum-exp needs the precision.
  return ner::linear(projection_, x).to(torch::kFloat);
}

torch::Tensor NerModelImpl::loss(const torch::Tensor& token_ids, const torch::Tensor& mask,
                                 const torch::Tensor& label_ids) {
  return decoder_->loss(emissions(token_ids, mask), mask, label_ids);
}

std::vector<std::vector<int64_t>> NerModelImpl::decode(const torch::Tensor& token_ids, const torch::Tensor& mask,
                                                       torch::Tensor* marginals) {
  torch::NoGradGuard no_grad;
  const auto scores = emissions(token_ids, mask);
  if (marginals) *marginals = decoder_->marginals(scores, mask);
  return decoder_->decode(scores, mask);
}

torch::Tensor NerModelImpl::marginals(const torch::Tensor& token_ids, const torch::Tensor& mask) {
  torch::NoGradGuard no_grad;
  return decoder_->marginals(emissions(token_ids, mask), mask);
}

int64_t NerModelImpl::load_embeddings(const Vocabulary& vocabulary, const std::string& word2vec_text_path) {
  return embedding_encoder("--embeddings").load_word2vec(vocabulary, word2vec_text_path);
}

EmbeddingEncoder& NerModelImpl::embedding_encoder(const std::string& option) {
  auto embedding = std::dynamic_pointer_cast<EmbeddingEncoder>(encoder_);
  if (!embedding) throw UsageError(option + " needs the embedding encoder, not '" + config_.encoder + "'");
  return *embedding;
}

int64_t NerModelImpl::parameter_count() const {
  int64_t n = 0;
  for (const auto& p : parameters()) n += p.numel();
  return n;
}

}  // namespace ner
