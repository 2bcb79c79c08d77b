// BERT's encoder (Devlin et al. 2019; transformers' BertModel) as a LibTorch module whose
// parameters carry HuggingFace's names without the "bert." prefix ("embeddings.word_embeddings.weight",
// "encoder.layer.0.attention.self.query.weight", ...), so that weights move between this module and
// model.safetensors by name. The same code runs on CPU and CUDA, under bf16 autocast too.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "libner/bert/bert_config.h"
#include "libner/bert/bert_directory.h"
#include "libner/bert/safetensors.h"

namespace ner::bert {

class BertLayerImpl;  // one transformer block (bert_encoder.cpp)

class BertEncoderImpl : public torch::nn::Module {
 public:
  // Randomly initialised (N(0, 0.02) weights as BERT's initializer_range, zero biases, unit
  // LayerNorm); `with_pooler` adds the [CLS] pooler ("pooler.dense").
  explicit BertEncoderImpl(const BertConfig& config, bool with_pooler = false);

  // input_ids [B, T] (integer), attention_mask [B, T] (non-zero = a real token; undefined = all
  // real), token_type_ids [B, T] (undefined = all 0) -> last_hidden_state [B, T, hidden_size].
  // Padded positions attend to the real tokens of their row only, as in BertModel, so their
  // outputs are defined but meaningless. Throws ner::Error when T exceeds max_position_embeddings.
  torch::Tensor forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask = {},
                        const torch::Tensor& token_type_ids = {});

  // BertPooler: tanh(dense(last_hidden_state[:, 0])) -> [B, hidden_size]; needs with_pooler.
  torch::Tensor pool(const torch::Tensor& last_hidden_state);

  std::int64_t hidden_size() const { return config_.hidden_size; }
  const BertConfig& config() const { return config_; }
  bool has_pooler() const { return !pooler_.is_empty(); }

  // Copies the weights of a HuggingFace checkpoint into this module, converting F16/BF16/F64 to the
  // parameters' type. Names may carry the "bert." prefix and the old LayerNorm "gamma"/"beta";
  // "embeddings.position_ids", the pre-training heads ("cls.*"), task heads ("classifier.*",
  // "qa_outputs.*") and, without with_pooler, "pooler.*" are skipped. Anything else that does not
  // match, a missing tensor or a wrong shape is a ner::Error listing all of them.
  void load_weights(const SafetensorsFile& file);

  // Writes the parameters as float32 model.safetensors under HuggingFace's BertModel names.
  void save_weights(const std::string& path) const;

 private:
  BertConfig config_;
  torch::nn::Embedding word_embeddings_{nullptr}, position_embeddings_{nullptr}, token_type_embeddings_{nullptr};
  torch::nn::LayerNorm embeddings_norm_{nullptr};
  std::vector<std::shared_ptr<BertLayerImpl>> layers_;
  torch::nn::Linear pooler_{nullptr};
};
TORCH_MODULE(BertEncoder);

// The encoder of a HuggingFace BERT folder with its weights loaded (in training mode, on the CPU:
// call ->eval() and ->to(device) as needed).
BertEncoder load_bert_encoder(const BertDirectory& directory, bool with_pooler = false);

}  // namespace ner::bert
