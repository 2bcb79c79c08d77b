#include "libner/bert/bert_config.h"

#include <stdexcept>

#include "libner/io/error.h"
#include "libner/io/input.h"

namespace ner::bert {

Activation parse_activation(const std::string& name) {
  // The names of transformers' ACT2FN that a BERT checkpoint may carry.
  if (name == "gelu") return Activation::Gelu;
  if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast") return Activation::GeluTanh;
  if (name == "quick_gelu") return Activation::QuickGelu;
  if (name == "relu") return Activation::Relu;
  if (name == "silu" || name == "swish") return Activation::Silu;
  if (name == "tanh") return Activation::Tanh;
  throw std::invalid_argument("unsupported hidden_act \"" + name +
                              "\" (known: gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, quick_gelu, relu, silu, swish, tanh)");
}

void BertConfig::validate() const {
  auto positive = [](std::int64_t v, const char* name) {
    if (v <= 0) throw std::invalid_argument(std::string(name) + " must be positive, not " + std::to_string(v));
  };
  positive(vocab_size, "vocab_size");
  positive(hidden_size, "hidden_size");
  positive(num_attention_heads, "num_attention_heads");
  positive(intermediate_size, "intermediate_size");
  positive(max_position_embeddings, "max_position_embeddings");
  positive(type_vocab_size, "type_vocab_size");
  if (num_hidden_layers < 0) throw std::invalid_argument("num_hidden_layers must not be negative");
  if (hidden_size % num_attention_heads != 0)
    throw std::invalid_argument("hidden_size " + std::to_string(hidden_size) + " is not a multiple of num_attention_heads " +
                                std::to_string(num_attention_heads));
  if (!(layer_norm_eps > 0)) throw std::invalid_argument("layer_norm_eps must be positive");
  for (double p : {hidden_dropout_prob, attention_probs_dropout_prob})
    if (!(p >= 0 && p < 1)) throw std::invalid_argument("dropout probabilities must lie in [0, 1)");
  parse_activation(hidden_act);
}

nlohmann::json BertConfig::to_json() const {
  return {{"model_type", "bert"},
          {"vocab_size", vocab_size},
          {"hidden_size", hidden_size},
          {"num_hidden_layers", num_hidden_layers},
          {"num_attention_heads", num_attention_heads},
          {"intermediate_size", intermediate_size},
          {"hidden_act", hidden_act},
          {"hidden_dropout_prob", hidden_dropout_prob},
          {"attention_probs_dropout_prob", attention_probs_dropout_prob},
          {"max_position_embeddings", max_position_embeddings},
          {"type_vocab_size", type_vocab_size},
          {"layer_norm_eps", layer_norm_eps},
          {"pad_token_id", pad_token_id},
          {"initializer_range", initializer_range}};
}

BertConfig BertConfig::from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("the configuration is not a JSON object");
  BertConfig c;
  auto take = [&](const char* key, auto& field) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    try {
      field = it->get<std::remove_reference_t<decltype(field)>>();
    } catch (const nlohmann::json::exception&) {
      throw std::invalid_argument(std::string("\"") + key + "\" has the wrong type: " + it->dump());
    }
  };
  if (auto it = j.find("model_type"); it != j.end() && it->is_string() && *it != "bert")
    throw std::invalid_argument("model_type is \"" + it->get<std::string>() +
                                "\"; only \"bert\" is supported (other encoders lay out positions or weights differently)");
  if (auto it = j.find("position_embedding_type"); it != j.end() && it->is_string() && *it != "absolute")
    throw std::invalid_argument("position_embedding_type \"" + it->get<std::string>() + "\" is not supported (only \"absolute\")");
  take("vocab_size", c.vocab_size);
  take("hidden_size", c.hidden_size);
  take("num_hidden_layers", c.num_hidden_layers);
  take("num_attention_heads", c.num_attention_heads);
  take("intermediate_size", c.intermediate_size);
  take("hidden_act", c.hidden_act);
  take("hidden_dropout_prob", c.hidden_dropout_prob);
  take("attention_probs_dropout_prob", c.attention_probs_dropout_prob);
  take("max_position_embeddings", c.max_position_embeddings);
  take("type_vocab_size", c.type_vocab_size);
  take("layer_norm_eps", c.layer_norm_eps);
  take("pad_token_id", c.pad_token_id);
  take("initializer_range", c.initializer_range);
  c.validate();
  return c;
}

BertConfig read_bert_config(const std::string& path) {
  LineReader in(path);
  const std::string text = in.read_all();
  try {
    return BertConfig::from_json(nlohmann::json::parse(text));
  } catch (const nlohmann::json::exception& e) {
    throw Error(path, 0, std::string("not valid JSON: ") + e.what());
  } catch (const std::invalid_argument& e) {
    throw Error(path, 0, e.what());
  }
}

}  // namespace ner::bert
