// Builds a tagger's parts by the names in a ModelConfig (encoder, context, decoder), as
// sentencepiece's model_factory does for its models. A new part (the BERT encoder) joins by adding
// one case here and its name to model_config.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "libner/model/model_config.h"
#include "libner/model/parts.h"

namespace ner {

std::shared_ptr<Encoder> make_encoder(const ModelConfig& config, int64_t vocab_size);
std::shared_ptr<ContextLayer> make_context(const ModelConfig& config, int64_t input_dim);
std::shared_ptr<Decoder> make_decoder(const ModelConfig& config, const std::vector<std::string>& labels);

// The context layer "none": the encoder's vectors as they are.
class IdentityContext : public ContextLayer {
 public:
  explicit IdentityContext(int64_t dim) : dim_(dim) {}
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor&) override { return x; }
  int64_t output_dim() const override { return dim_; }

 private:
  int64_t dim_;
};

// Context layers applied one after the other ("imconvnet-bilstm": imConvNet, then a BiLSTM).
class StackedContext : public ContextLayer {
 public:
  explicit StackedContext(std::vector<std::shared_ptr<ContextLayer>> layers);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask) override;
  int64_t output_dim() const override { return layers_.back()->output_dim(); }

 private:
  std::vector<std::shared_ptr<ContextLayer>> layers_;
};

}  // namespace ner
