#include "libner/bert/bert_encoder.h"

#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include <torch/version.h>

#include "libner/io/error.h"
#include "libner/model/dropout.h"
#include "libner/model/linear.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "safetensors stores little-endian bytes; this loader copies them as they are"
#endif

namespace ner::bert {

// ---- one transformer block ----------------------------------------------------------------------

// Post-LayerNorm block of BertLayer: self-attention, dense + dropout + residual + LayerNorm, then
// intermediate dense + activation, dense + dropout + residual + LayerNorm. The submodules are
// registered under HuggingFace's nested names (attention.self.query, attention.output.dense, ...).
class BertLayerImpl : public torch::nn::Module {
 public:
  explicit BertLayerImpl(const BertConfig& c)
      : heads_(c.num_attention_heads),
        head_size_(c.hidden_size / c.num_attention_heads),
        activation_(c.activation()),
        hidden_dropout_(c.hidden_dropout_prob),
        attention_dropout_(c.attention_probs_dropout_prob) {
    using torch::nn::LayerNorm;
    using torch::nn::LayerNormOptions;
    using torch::nn::Linear;
    const auto h = c.hidden_size;
    auto attention = register_module("attention", std::make_shared<torch::nn::Module>());
    auto self = attention->register_module("self", std::make_shared<torch::nn::Module>());
    query_ = self->register_module("query", Linear(h, h));
    key_ = self->register_module("key", Linear(h, h));
    value_ = self->register_module("value", Linear(h, h));
    auto attention_output = attention->register_module("output", std::make_shared<torch::nn::Module>());
    attention_dense_ = attention_output->register_module("dense", Linear(h, h));
    attention_norm_ = attention_output->register_module(
        "LayerNorm", LayerNorm(LayerNormOptions({h}).eps(c.layer_norm_eps)));
    auto intermediate = register_module("intermediate", std::make_shared<torch::nn::Module>());
    intermediate_ = intermediate->register_module("dense", Linear(h, c.intermediate_size));
    auto output = register_module("output", std::make_shared<torch::nn::Module>());
    output_dense_ = output->register_module("dense", Linear(c.intermediate_size, h));
    output_norm_ = output->register_module("LayerNorm", LayerNorm(LayerNormOptions({h}).eps(c.layer_norm_eps)));
  }

  // x [B, T, H]; keep [B, 1, 1, T] boolean (true = attend) or undefined.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& keep) {
    const auto batch = x.size(0), length = x.size(1);
    auto split = [&](const torch::Tensor& t) { return t.view({batch, length, heads_, head_size_}).transpose(1, 2); };
    const auto q = split(ner::linear(query_, x)), k = split(ner::linear(key_, x)), v = split(ner::linear(value_, x));
    const double p = is_training() ? attention_dropout_ : 0.0;
#if TORCH_VERSION_MAJOR >= 2
    // Fused attention (flash or memory-efficient kernels on CUDA); the boolean mask keeps it
    // independent of the autocast dtype. No mask at all ({}, not an undefined tensor, which 2.x
    // rejects) lets it pick flash attention.
    auto context = keep.defined() ? at::scaled_dot_product_attention(q, k, v, keep, p, false)
                                  : at::scaled_dot_product_attention(q, k, v, {}, p, false);
#else
    // q scaled rather than the scores, and the mask applied in place: the [B,H,T,T] scores are the
    // largest tensors here (a division of them took 37% of a CPU tagging run).
    auto scores = torch::matmul(q / std::sqrt(static_cast<double>(head_size_)), k.transpose(-1, -2));
    if (keep.defined()) scores.masked_fill_(keep.logical_not(), lowest(scores.scalar_type()));
    auto probs = ner::dropout(torch::softmax(scores, -1), p, is_training());
    auto context = torch::matmul(probs, v);
#endif
    context = context.transpose(1, 2).reshape({batch, length, heads_ * head_size_});
    const auto attended =
        attention_norm_(ner::dropout(ner::linear(attention_dense_, context), hidden_dropout_, is_training()) + x);
    const auto inner = activate(ner::linear(intermediate_, attended));
    return output_norm_(ner::dropout(ner::linear(output_dense_, inner), hidden_dropout_, is_training()) + attended);
  }

 private:
  static double lowest(torch::ScalarType type) {
    // A very negative finite value of the scores' type, as BertModel's extended attention mask uses
    // (float's lowest would overflow half and round past bfloat16's largest finite value).
    if (type == torch::kHalf) return -65504.0;
    if (type == torch::kBFloat16) return -1e38;
    return static_cast<double>(std::numeric_limits<float>::lowest());
  }

  torch::Tensor activate(const torch::Tensor& x) const {
    switch (activation_) {
      case Activation::Gelu: return torch::gelu(x);
      case Activation::GeluTanh: return torch::gelu(x, "tanh");
      case Activation::QuickGelu: return x * torch::sigmoid(1.702 * x);
      case Activation::Relu: return torch::relu(x);
      case Activation::Silu: return torch::silu(x);
      case Activation::Tanh: return torch::tanh(x);
    }
    return x;
  }

  std::int64_t heads_, head_size_;
  Activation activation_;
  double hidden_dropout_, attention_dropout_;
  torch::nn::Linear query_{nullptr}, key_{nullptr}, value_{nullptr}, attention_dense_{nullptr};
  torch::nn::Linear intermediate_{nullptr}, output_dense_{nullptr};
  torch::nn::LayerNorm attention_norm_{nullptr}, output_norm_{nullptr};
};

// ---- the encoder ------------------------------------------------------------------------------------

BertEncoderImpl::BertEncoderImpl(const BertConfig& config, bool with_pooler) : config_(config) {
  config_.validate();
  const auto h = config_.hidden_size;
  auto embeddings = register_module("embeddings", std::make_shared<torch::nn::Module>());
  word_embeddings_ = embeddings->register_module("word_embeddings", torch::nn::Embedding(config_.vocab_size, h));
  position_embeddings_ =
      embeddings->register_module("position_embeddings", torch::nn::Embedding(config_.max_position_embeddings, h));
  token_type_embeddings_ =
      embeddings->register_module("token_type_embeddings", torch::nn::Embedding(config_.type_vocab_size, h));
  embeddings_norm_ = embeddings->register_module(
      "LayerNorm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({h}).eps(config_.layer_norm_eps)));
  auto encoder = register_module("encoder", std::make_shared<torch::nn::Module>());
  auto layer = encoder->register_module("layer", std::make_shared<torch::nn::Module>());
  for (std::int64_t i = 0; i < config_.num_hidden_layers; ++i)
    layers_.push_back(layer->register_module(std::to_string(i), std::make_shared<BertLayerImpl>(config_)));
  if (with_pooler) {
    auto pooler = register_module("pooler", std::make_shared<torch::nn::Module>());
    pooler_ = pooler->register_module("dense", torch::nn::Linear(h, h));
  }

  // BertPreTrainedModel._init_weights.
  torch::NoGradGuard no_grad;
  for (auto& p : named_parameters()) {
    const auto& name = p.key();
    if (name.find("LayerNorm") != std::string::npos) {
      p.value().fill_(name.size() > 6 && name.compare(name.size() - 6, 6, "weight") == 0 ? 1.0 : 0.0);
    } else if (name.size() > 4 && name.compare(name.size() - 4, 4, "bias") == 0) {
      p.value().zero_();
    } else {
      p.value().normal_(0.0, config_.initializer_range);
    }
  }
  if (config_.pad_token_id >= 0 && config_.pad_token_id < config_.vocab_size)
    word_embeddings_->weight[config_.pad_token_id].zero_();
}

torch::Tensor BertEncoderImpl::forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask,
                                       const torch::Tensor& token_type_ids) {
  TORCH_CHECK(input_ids.dim() == 2, "BertEncoder: input_ids must be [batch, length]");
  const auto length = input_ids.size(1);
  if (length > config_.max_position_embeddings)
    throw Error("a sequence of " + std::to_string(length) + " BERT positions exceeds max_position_embeddings (" +
                std::to_string(config_.max_position_embeddings) + ")");
  const auto positions = torch::arange(length, input_ids.options().dtype(torch::kLong));
  auto x = word_embeddings_(input_ids) + position_embeddings_(positions);
  // All-zero token types (one segment) add the first row; no gather needed.
  x = token_type_ids.defined() ? x + token_type_embeddings_(token_type_ids) : x + token_type_embeddings_->weight[0];
  x = ner::dropout(embeddings_norm_(x), config_.hidden_dropout_prob, is_training());
  torch::Tensor keep;
  if (attention_mask.defined()) {
    TORCH_CHECK(attention_mask.sizes() == input_ids.sizes(), "BertEncoder: attention_mask must match input_ids");
    keep = attention_mask.ne(0).view({input_ids.size(0), 1, 1, length});
    // Nothing padded: no mask, as BertModel drops an all-ones one (flash attention takes none).
    if (keep.all().item<bool>()) keep = torch::Tensor();
  }
  for (auto& layer : layers_) x = layer->forward(x, keep);
  return x;
}

torch::Tensor BertEncoderImpl::pool(const torch::Tensor& last_hidden_state) {
  TORCH_CHECK(has_pooler(), "BertEncoder: built without the pooler");
  return torch::tanh(ner::linear(pooler_, last_hidden_state.select(1, 0)));
}

// ---- weights --------------------------------------------------------------------------------------

namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A checkpoint name as BertModel would call it: without "bert." and with the LayerNorm parameters of
// the original TensorFlow port ("gamma", "beta") renamed.
std::string canonical_name(std::string name) {
  if (starts_with(name, "bert.")) name.erase(0, 5);
  if (ends_with(name, "LayerNorm.gamma")) name.replace(name.size() - 5, 5, "weight");
  else if (ends_with(name, "LayerNorm.beta")) name.replace(name.size() - 4, 4, "bias");
  return name;
}

bool skipped(const std::string& name, bool with_pooler) {
  return name == "embeddings.position_ids" || starts_with(name, "cls.") || starts_with(name, "classifier.") ||
         starts_with(name, "qa_outputs.") || (!with_pooler && starts_with(name, "pooler."));
}

torch::ScalarType torch_type(DType dtype) {
  switch (dtype) {
    case DType::F64: return torch::kDouble;
    case DType::F32: return torch::kFloat;
    case DType::F16: return torch::kHalf;
    case DType::BF16: return torch::kBFloat16;
    case DType::I64: return torch::kLong;
    case DType::I32: return torch::kInt;
    case DType::I16: return torch::kShort;
    case DType::I8: return torch::kChar;
    case DType::U8: return torch::kByte;
    case DType::Bool: return torch::kBool;
  }
  return torch::kFloat;
}

std::string shape_text(c10::IntArrayRef shape) {
  std::ostringstream s;
  s << '[';
  for (std::size_t i = 0; i < shape.size(); ++i) s << (i ? ", " : "") << shape[i];
  s << ']';
  return s.str();
}

std::string listing(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 12;
  std::string s;
  for (std::size_t i = 0; i < names.size() && i < kShown; ++i) s += (i ? ", " : "") + names[i];
  if (names.size() > kShown) s += " and " + std::to_string(names.size() - kShown) + " more";
  return s;
}

}  // namespace

void BertEncoderImpl::load_weights(const SafetensorsFile& file) {
  std::map<std::string, torch::Tensor> wanted;
  for (const auto& p : named_parameters()) wanted.emplace(p.key(), p.value());
  std::set<std::string> seen;
  std::vector<std::string> unexpected, wrong_shape, duplicate, wrong_type;
  torch::NoGradGuard no_grad;
  for (const auto& entry : file.entries()) {
    const std::string name = canonical_name(entry.name);
    if (skipped(name, has_pooler())) continue;
    auto it = wanted.find(name);
    if (it == wanted.end()) {
      unexpected.push_back(entry.name);
      continue;
    }
    if (!seen.insert(name).second) {
      duplicate.push_back(entry.name);
      continue;
    }
    auto& param = it->second;
    if (param.sizes() != c10::IntArrayRef(entry.shape)) {
      wrong_shape.push_back(entry.name + " " + shape_text(entry.shape) + " (expected " + shape_text(param.sizes()) + ")");
      continue;
    }
    const auto type = torch_type(entry.dtype);
    if (!c10::isFloatingType(type)) {
      wrong_type.push_back(entry.name + " " + dtype_name(entry.dtype));
      continue;
    }
    // Read into an aligned CPU tensor of the file's type, then convert while copying.
    auto raw = torch::empty(entry.shape, torch::TensorOptions().dtype(type));
    file.read(entry, raw.data_ptr());
    param.copy_(raw);
  }
  std::vector<std::string> missing;
  for (const auto& w : wanted)
    if (!seen.count(w.first)) missing.push_back(w.first);
  if (missing.empty() && unexpected.empty() && wrong_shape.empty() && duplicate.empty() && wrong_type.empty()) return;
  std::string message = "does not hold the weights of this BERT (" + std::to_string(config_.num_hidden_layers) +
                        " layers, hidden " + std::to_string(config_.hidden_size) + ", from config.json)";
  if (!missing.empty()) message += "; missing: " + listing(missing);
  if (!unexpected.empty()) message += "; unexpected: " + listing(unexpected);
  if (!wrong_shape.empty()) message += "; wrong shape: " + listing(wrong_shape);
  if (!duplicate.empty()) message += "; given twice (with and without \"bert.\"): " + listing(duplicate);
  if (!wrong_type.empty()) message += "; not floating point: " + listing(wrong_type);
  throw Error(file.path(), 0, message);
}

void BertEncoderImpl::save_weights(const std::string& path) const {
  std::vector<torch::Tensor> keep;  // owns the converted copies while they are written
  std::vector<TensorBytes> tensors;
  for (const auto& p : named_parameters()) {
    auto t = p.value().detach().to(torch::kCPU, torch::kFloat).contiguous();
    keep.push_back(t);
    tensors.push_back({p.key(), DType::F32, t.sizes().vec(), t.data_ptr(), static_cast<std::size_t>(t.nbytes())});
  }
  write_safetensors(path, tensors, {{"format", "pt"}});
}

BertEncoder load_bert_encoder(const BertDirectory& directory, bool with_pooler) {
  BertEncoder encoder(directory.config, with_pooler);
  encoder->load_weights(SafetensorsFile(directory.weights));
  return encoder;
}

}  // namespace ner::bert
