#include "libner/model/model_config.h"

#include <algorithm>
#include <type_traits>

#include "libner/io/error.h"
#include "libner/scheme/scheme.h"

namespace ner {

namespace {

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The presets: architecture name -> (context, decoder); the encoder is "embedding" unless the
// name starts with "bert-".
struct Preset {
  const char* name;
  const char* context;
  const char* decoder;
};
constexpr Preset kPresets[] = {
    {"bilstm-crf", "bilstm", "crf"},
    {"idcnn-crf", "idcnn", "crf"},
    {"imconvnet-crf", "imconvnet", "crf"},
    {"imconvnet-bilstm-crf", "imconvnet-bilstm", "crf"},
    {"bilstm-softmax", "bilstm", "softmax"},
    {"idcnn-softmax", "idcnn", "softmax"},
    {"imconvnet-softmax", "imconvnet", "softmax"},
    {"imconvnet-bilstm-softmax", "imconvnet-bilstm", "softmax"},
    {"embedding-crf", "none", "crf"},
    {"embedding-softmax", "none", "softmax"},
    {"bert-crf", "none", "crf"},
    {"bert-softmax", "none", "softmax"},
    {"bert-bilstm-crf", "bilstm", "crf"},
    {"bert-imconvnet-crf", "imconvnet", "crf"},
    {"bert-imconvnet-bilstm-crf", "imconvnet-bilstm", "crf"},
};

// Whether `j` converts to T without an undefined conversion: nlohmann casts a float to an integer
// type, undefined behaviour when it is out of range (1e30; found by tests/fuzz).
template <class T>
bool integral_where_needed(const nlohmann::json& j) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    return !j.is_number_float();
  } else if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
    if (j.is_array())
      for (const auto& x : j)
        if (x.is_number_float()) return false;
    return true;
  } else {
    return true;
  }
}

template <class T>
void get(const nlohmann::json& json, const char* key, T& value) {
  auto it = json.find(key);
  if (it == json.end()) return;
  if (!integral_where_needed<T>(*it)) throw Error(std::string("model configuration: \"") + key + "\" has the wrong type");
  try {
    value = it->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw Error(std::string("model configuration: \"") + key + "\" has the wrong type");
  }
}

}  // namespace

std::vector<std::string> encoder_names() { return {"embedding", "bert"}; }
std::vector<std::string> context_names() { return {"none", "bilstm", "idcnn", "imconvnet", "imconvnet-bilstm"}; }
std::vector<std::string> decoder_names() { return {"crf", "softmax"}; }

nlohmann::json ModelConfig::to_json() const {
  nlohmann::json json{
      {"arch", arch},
      {"encoder", encoder},
      {"context", context},
      {"decoder", decoder},
      {"embedding_dim", embedding_dim},
      {"bigram_dim", bigram_dim},
      {"bigram_vocab_size", bigram_vocab_size},
      {"lstm_hidden", lstm_hidden},
      {"lstm_layers", lstm_layers},
      {"idcnn_filters", idcnn_filters},
      {"idcnn_kernel", idcnn_kernel},
      {"idcnn_iterations", idcnn_iterations},
      {"idcnn_dilations", idcnn_dilations},
      {"imconvnet_depths", imconvnet_depths},
      {"imconvnet_widths", imconvnet_widths},
      {"imconvnet_kernel", imconvnet_kernel},
      {"layer_scale_init", layer_scale_init},
      {"drop_path", drop_path},
      {"dropout", dropout},
      {"token_dropout", token_dropout},
      {"scheme", scheme},
      {"constrained_decoding", constrained_decoding},
      {"constrained_training", constrained_training},
  };
  if (!output_scheme.empty()) json["output_scheme"] = output_scheme;
  if (!bert.is_null()) json["bert"] = bert;
  return json;
}

ModelConfig ModelConfig::from_json(const nlohmann::json& json) {
  if (!json.is_object()) throw Error("model configuration is not a JSON object");
  ModelConfig c;
  get(json, "arch", c.arch);
  get(json, "encoder", c.encoder);
  get(json, "context", c.context);
  get(json, "decoder", c.decoder);
  get(json, "embedding_dim", c.embedding_dim);
  get(json, "bigram_dim", c.bigram_dim);
  get(json, "bigram_vocab_size", c.bigram_vocab_size);
  get(json, "lstm_hidden", c.lstm_hidden);
  get(json, "lstm_layers", c.lstm_layers);
  get(json, "idcnn_filters", c.idcnn_filters);
  get(json, "idcnn_kernel", c.idcnn_kernel);
  get(json, "idcnn_iterations", c.idcnn_iterations);
  get(json, "idcnn_dilations", c.idcnn_dilations);
  get(json, "imconvnet_depths", c.imconvnet_depths);
  get(json, "imconvnet_widths", c.imconvnet_widths);
  get(json, "imconvnet_kernel", c.imconvnet_kernel);
  get(json, "layer_scale_init", c.layer_scale_init);
  get(json, "drop_path", c.drop_path);
  get(json, "dropout", c.dropout);
  get(json, "token_dropout", c.token_dropout);
  get(json, "scheme", c.scheme);
  get(json, "output_scheme", c.output_scheme);
  get(json, "constrained_decoding", c.constrained_decoding);
  get(json, "constrained_training", c.constrained_training);
  if (auto it = json.find("bert"); it != json.end()) {
    if (!it->is_object()) throw Error("model configuration: \"bert\" has the wrong type");
    c.bert = *it;
  }
  try {
    c.validate();
  } catch (const UsageError& e) {
    throw Error(std::string("model configuration: ") + e.what());
  }
  return c;
}

ModelConfig ModelConfig::from_arch(const std::string& name) {
  for (const auto& p : kPresets) {
    if (name == p.name) {
      ModelConfig c;
      c.arch = p.name;
      c.context = p.context;
      c.decoder = p.decoder;
      if (name.rfind("bert-", 0) == 0) {
        c.encoder = "bert";
        c.dropout = 0.1;  // BERT's own hidden dropout (Devlin et al. 2019, fine-tuning)
      }
      return c;
    }
  }
  throw UsageError("unknown architecture '" + name + "' (known: " + join(arch_names()) + ")");
}

std::vector<std::string> ModelConfig::arch_names() {
  std::vector<std::string> names;
  for (const auto& p : kPresets) names.emplace_back(p.name);
  return names;
}

void ModelConfig::validate() const {
  if (!contains(encoder_names(), encoder))
    throw UsageError("unknown encoder '" + encoder + "' (known: " + join(encoder_names()) + ")");
  if (!contains(context_names(), context))
    throw UsageError("unknown context layer '" + context + "' (known: " + join(context_names()) + ")");
  if (!contains(decoder_names(), decoder))
    throw UsageError("unknown decoder '" + decoder + "' (known: " + join(decoder_names()) + ")");
  auto positive = [](int64_t v, const char* what) {
    if (v <= 0) throw UsageError(std::string(what) + " must be positive");
  };
  positive(embedding_dim, "the embedding size");
  if (bigram_dim < 0) throw UsageError("the bigram embedding size must not be negative");
  if (bigram_vocab_size < 0) throw UsageError("the number of bigrams must not be negative");
  if (bigram_dim > 0 && encoder != "embedding") throw UsageError("bigram embeddings need the embedding encoder");
  positive(lstm_hidden, "the LSTM hidden size");
  positive(lstm_layers, "the number of LSTM layers");
  positive(idcnn_filters, "the number of IDCNN filters");
  positive(idcnn_kernel, "the IDCNN kernel size");
  positive(idcnn_iterations, "the number of IDCNN iterations");
  positive(imconvnet_kernel, "the imConvNet kernel size");
  if (idcnn_dilations.empty()) throw UsageError("the IDCNN needs at least one dilation");
  for (auto d : idcnn_dilations) positive(d, "an IDCNN dilation");
  if (imconvnet_depths.empty() || imconvnet_depths.size() != imconvnet_widths.size())
    throw UsageError("imConvNet depths and widths must be non-empty lists of the same length");
  for (auto d : imconvnet_depths) positive(d, "an imConvNet depth");
  for (auto w : imconvnet_widths) positive(w, "an imConvNet width");
  if (!(dropout >= 0 && dropout < 1)) throw UsageError("dropout must be in [0, 1)");
  if (!(token_dropout >= 0 && token_dropout < 1)) throw UsageError("token dropout must be in [0, 1)");
  if (token_dropout > 0 && encoder != "embedding") throw UsageError("token dropout needs the embedding encoder");
  if (!(drop_path >= 0 && drop_path < 1)) throw UsageError("drop path must be in [0, 1)");
  if (!(layer_scale_init >= 0)) throw UsageError("the layer scale must not be negative");
  parse_scheme(scheme);  // throws UsageError
  if (!output_scheme.empty()) parse_scheme(output_scheme);
}

}  // namespace ner
