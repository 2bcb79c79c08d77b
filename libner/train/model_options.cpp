#include "libner/train/model_options.h"

#include "libner/io/error.h"
#include "libner/scheme/scheme.h"

namespace ner {

void ModelOptions::bind(CLI::Option* option, std::function<void(ModelConfig&)> apply) {
  appliers_.emplace_back(option, std::move(apply));
}

void ModelOptions::add_to(CLI::App& app) {
  const std::string group = "Model (an --arch preset; the other options override its values)";
  auto& v = values_;
  arch_option_ = app.add_option("--arch", arch_, "Architecture preset")
                     ->check(CLI::IsMember(ModelConfig::arch_names()))
                     ->default_str("bilstm-crf")
                     ->group(group);
  bind(app.add_option("--encoder", v.encoder, "Encoder")->check(CLI::IsMember(encoder_names()))->group(group),
       [&v](ModelConfig& c) { c.encoder = v.encoder; });
  bind(app.add_option("--context", v.context, "Context layer")->check(CLI::IsMember(context_names()))->group(group),
       [&v](ModelConfig& c) { c.context = v.context; });
  bind(app.add_option("--decoder", v.decoder, "Decoder")->check(CLI::IsMember(decoder_names()))->group(group),
       [&v](ModelConfig& c) { c.decoder = v.decoder; });
  bind(app.add_option("--embedding-dim", v.embedding_dim, "Token embedding size")->group(group),
       [&v](ModelConfig& c) { c.embedding_dim = v.embedding_dim; });
  bind(app.add_option("--bigram-dim", v.bigram_dim,
                      "Character-bigram embedding size, for the left and the right bigram of each token (0: none)")
           ->group(group),
       [&v](ModelConfig& c) { c.bigram_dim = v.bigram_dim; });
  bind(app.add_option("--hidden", v.lstm_hidden, "BiLSTM hidden units per direction")->group(group),
       [&v](ModelConfig& c) { c.lstm_hidden = v.lstm_hidden; });
  bind(app.add_option("--lstm-layers", v.lstm_layers, "BiLSTM layers")->group(group),
       [&v](ModelConfig& c) { c.lstm_layers = v.lstm_layers; });
  bind(app.add_option("--idcnn-filters", v.idcnn_filters, "IDCNN filters")->group(group),
       [&v](ModelConfig& c) { c.idcnn_filters = v.idcnn_filters; });
  bind(app.add_option("--idcnn-kernel", v.idcnn_kernel, "IDCNN kernel width")->group(group),
       [&v](ModelConfig& c) { c.idcnn_kernel = v.idcnn_kernel; });
  bind(app.add_option("--idcnn-iterations", v.idcnn_iterations, "IDCNN block iterations (shared weights)")->group(group),
       [&v](ModelConfig& c) { c.idcnn_iterations = v.idcnn_iterations; });
  bind(app.add_option("--idcnn-dilations", v.idcnn_dilations, "IDCNN dilations of one block, e.g. 1,1,2")
           ->delimiter(',')
           ->group(group),
       [&v](ModelConfig& c) { c.idcnn_dilations = v.idcnn_dilations; });
  bind(app.add_option("--imconvnet-widths", v.imconvnet_widths, "imConvNet stage widths, e.g. 128,256,512,1024")
           ->delimiter(',')
           ->group(group),
       [&v](ModelConfig& c) { c.imconvnet_widths = v.imconvnet_widths; });
  bind(app.add_option("--imconvnet-depths", v.imconvnet_depths, "imConvNet blocks per stage, e.g. 3,3,9,3")
           ->delimiter(',')
           ->group(group),
       [&v](ModelConfig& c) { c.imconvnet_depths = v.imconvnet_depths; });
  bind(app.add_option("--imconvnet-kernel", v.imconvnet_kernel, "imConvNet depthwise kernel width")->group(group),
       [&v](ModelConfig& c) { c.imconvnet_kernel = v.imconvnet_kernel; });
  bind(app.add_option("--layer-scale", v.layer_scale_init, "imConvNet layer-scale initial value (0: off)")->group(group),
       [&v](ModelConfig& c) { c.layer_scale_init = v.layer_scale_init; });
  bind(app.add_option("--drop-path", v.drop_path, "imConvNet stochastic depth rate")->group(group),
       [&v](ModelConfig& c) { c.drop_path = v.drop_path; });
  bind(app.add_option("--dropout", v.dropout, "Dropout rate")->group(group),
       [&v](ModelConfig& c) { c.dropout = v.dropout; });
  bind(app.add_option("--token-dropout", v.token_dropout,
                      "While training, read each token, and each bigram, as <unk> with this probability")
           ->group(group),
       [&v](ModelConfig& c) { c.token_dropout = v.token_dropout; });
  scheme_option_ = app.add_option("--scheme", v.scheme, "Tagging scheme of the labels (default: detected)")
                       ->check(CLI::IsMember(scheme_names(), CLI::ignore_case))
                       ->group(group);
  bind(scheme_option_, [&v](ModelConfig& c) { c.scheme = scheme_name(parse_scheme(v.scheme)); });
  app.add_option("--train-scheme", train_scheme_,
                 "Learn and decode the labels in this scheme (e.g. iobes, which marks where entities end); "
                 "ner-tag still writes the data's scheme")
      ->check(CLI::IsMember(scheme_names(), CLI::ignore_case))
      ->group(group);
  bind(app.add_flag("--constrained-training", v.constrained_training,
                    "Apply the scheme's transition constraints in the CRF's training too")
           ->group(group),
       [&v](ModelConfig& c) { c.constrained_training = v.constrained_training; });
  bind(app.add_flag("--unconstrained", "Decode without the scheme's transition constraints")->group(group),
       [](ModelConfig& c) { c.constrained_decoding = false; });
}

ModelConfig ModelOptions::config() const {
  ModelConfig config = ModelConfig::from_arch(arch_);
  for (const auto& [option, apply] : appliers_)
    if (option->count() > 0) apply(config);
  // Parts given one by one name the architecture the way the presets are named.
  const ModelConfig preset = ModelConfig::from_arch(arch_);
  if (config.encoder != preset.encoder || config.context != preset.context || config.decoder != preset.decoder)
    config.arch = config.encoder == "embedding"
                      ? (config.context == "none" ? std::string("embedding") : config.context) + "-" + config.decoder
                      : config.encoder + "-" + (config.context == "none" ? "" : config.context + "-") + config.decoder;
  config.validate();
  return config;
}

bool ModelOptions::scheme_given() const { return scheme_option_ && scheme_option_->count() > 0; }

bool ModelOptions::any_given() const {
  if (arch_option_ && arch_option_->count() > 0) return true;
  for (const auto& [option, apply] : appliers_)
    if (option->count() > 0) return true;
  return false;
}

}  // namespace ner
