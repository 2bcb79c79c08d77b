#include "libner/model/model_factory.h"

#include "libner/io/error.h"
#include "libner/model/bert_encoder_part.h"
#include "libner/model/bilstm.h"
#include "libner/model/crf.h"
#include "libner/model/embedding_encoder.h"
#include "libner/model/idcnn.h"
#include "libner/model/imconvnet.h"
#include "libner/model/softmax_decoder.h"
#include "libner/scheme/scheme.h"

namespace ner {

namespace {

std::shared_ptr<ContextLayer> make_single_context(const std::string& name, const ModelConfig& c, int64_t input_dim) {
  if (name == "none") return std::make_shared<IdentityContext>(input_dim);
  if (name == "bilstm") return std::make_shared<BiLstm>(input_dim, c.lstm_hidden, c.lstm_layers, c.dropout);
  if (name == "idcnn")
    return std::make_shared<IdCnn>(input_dim, c.idcnn_filters, c.idcnn_kernel, c.idcnn_dilations, c.idcnn_iterations);
  if (name == "imconvnet")
    return std::make_shared<ImConvNet>(input_dim, c.imconvnet_depths, c.imconvnet_widths, c.imconvnet_kernel,
                                       c.layer_scale_init, c.drop_path);
  throw UsageError("unknown context layer '" + name + "'");
}

}  // namespace

std::shared_ptr<Encoder> make_encoder(const ModelConfig& config, int64_t vocab_size) {
  if (config.encoder == "embedding")
    return std::make_shared<EmbeddingEncoder>(vocab_size, config.embedding_dim, config.bigram_dim,
                                              config.bigram_vocab_size, config.token_dropout);
  if (config.encoder == "bert") return std::make_shared<BertEncoderPart>(config);  // BERT's own vocabulary
  throw UsageError("unknown encoder '" + config.encoder + "'");
}

std::shared_ptr<ContextLayer> make_context(const ModelConfig& config, int64_t input_dim) {
  // "a-b" names a stack, applied left to right.
  std::vector<std::shared_ptr<ContextLayer>> layers;
  std::size_t begin = 0;
  for (;;) {
    auto dash = config.context.find('-', begin);
    auto name = config.context.substr(begin, dash == std::string::npos ? std::string::npos : dash - begin);
    layers.push_back(make_single_context(name, config, layers.empty() ? input_dim : layers.back()->output_dim()));
    if (dash == std::string::npos) break;
    begin = dash + 1;
  }
  if (layers.size() == 1) return layers[0];
  return std::make_shared<StackedContext>(std::move(layers));
}

std::shared_ptr<Decoder> make_decoder(const ModelConfig& config, const std::vector<std::string>& labels) {
  const Scheme scheme = parse_scheme(config.scheme);
  if (config.decoder == "crf")
    return std::make_shared<Crf>(labels, scheme, config.constrained_decoding, config.constrained_training);
  if (config.decoder == "softmax") return std::make_shared<SoftmaxDecoder>(labels, scheme, config.constrained_decoding);
  throw UsageError("unknown decoder '" + config.decoder + "'");
}

StackedContext::StackedContext(std::vector<std::shared_ptr<ContextLayer>> layers) : layers_(std::move(layers)) {
  for (std::size_t i = 0; i < layers_.size(); ++i) register_module(std::to_string(i), layers_[i]);
}

torch::Tensor StackedContext::forward(const torch::Tensor& x, const torch::Tensor& mask) {
  auto h = x;
  for (auto& layer : layers_) h = layer->forward(h, mask);
  return h;
}

}  // namespace ner
