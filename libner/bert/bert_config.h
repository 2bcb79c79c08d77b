// The hyper-parameters of a BERT encoder, as HuggingFace's config.json gives them
// (transformers' BertConfig). Torch-free, so that model files and tools can carry them.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace ner::bert {

// The feed-forward activation. HuggingFace's "gelu" is the exact erf form; "gelu_new",
// "gelu_pytorch_tanh" and "gelu_fast" are the tanh approximation (transformers/activations.py).
enum class Activation { Gelu, GeluTanh, QuickGelu, Relu, Silu, Tanh };

Activation parse_activation(const std::string& name);  // throws std::invalid_argument

struct BertConfig {
  std::int64_t vocab_size = 21128;
  std::int64_t hidden_size = 768;
  std::int64_t num_hidden_layers = 12;
  std::int64_t num_attention_heads = 12;
  std::int64_t intermediate_size = 3072;
  std::string hidden_act = "gelu";
  double hidden_dropout_prob = 0.1;
  double attention_probs_dropout_prob = 0.1;
  std::int64_t max_position_embeddings = 512;
  std::int64_t type_vocab_size = 2;
  double layer_norm_eps = 1e-12;
  std::int64_t pad_token_id = 0;
  double initializer_range = 0.02;  // standard deviation of the random initial weights

  Activation activation() const { return parse_activation(hidden_act); }

  // Checks sizes (positive, hidden_size divisible by the head count) and the activation; throws
  // std::invalid_argument saying what is wrong.
  void validate() const;

  // The fields above under HuggingFace's names. from_json fills missing fields with BertConfig's
  // defaults (as transformers does) and refuses what this encoder would compute differently:
  // a model_type other than "bert", a position_embedding_type other than "absolute".
  nlohmann::json to_json() const;
  static BertConfig from_json(const nlohmann::json& j);
};

// Reads config.json; ner::Error names the file on any fault.
BertConfig read_bert_config(const std::string& path);

}  // namespace ner::bert
