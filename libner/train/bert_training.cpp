#include "libner/train/bert_training.h"

#include <ATen/autocast_mode.h>

#include <unordered_set>

#include "libner/bert/bert_directory.h"
#include "libner/io/error.h"
#include "libner/model/bert_assets.h"
#include "libner/model/bert_encoder_part.h"
#include "libner/train/optimizer.h"

namespace ner {

namespace {

void set_bf16_autocast(bool cuda, bool on) {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
  const auto type = cuda ? at::kCUDA : at::kCPU;
  at::autocast::set_autocast_enabled(type, on);
  at::autocast::set_autocast_dtype(type, at::kBFloat16);
#else
  if (cuda) {
    at::autocast::set_enabled(on);
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
  } else {
    at::autocast::set_cpu_enabled(on);
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
  }
#endif
  if (!on) at::autocast::clear_cache();
}

}  // namespace

bert::BertEncoder* bert_of(NerModelImpl& model) {
  auto part = std::dynamic_pointer_cast<BertEncoderPart>(model.encoder());
  return part ? &part->bert() : nullptr;
}

void prepare_bert_config(ModelConfig& config, const TrainOptions& options) {
  if (config.encoder == "bert") {
    if (options.bert_path.empty())
      throw UsageError("the bert encoder needs --bert DIR (a HuggingFace BERT folder: config.json, vocab.txt, "
                       "model.safetensors)");
    config.bert = bert_assets_json(bert::read_bert_directory(options.bert_path));
  } else if (!options.bert_path.empty()) {
    throw UsageError("--bert needs a BERT architecture (--arch bert-crf, bert-softmax, bert-bilstm-crf, "
                     "bert-imconvnet-crf, bert-imconvnet-bilstm-crf, or --encoder bert)");
  }
}

void load_pretrained_bert(NerModelImpl& model, const std::string& directory) {
  auto part = std::dynamic_pointer_cast<BertEncoderPart>(model.encoder());
  if (!part) throw UsageError("--bert needs the bert encoder");
  part->load_pretrained(directory);
}

std::unique_ptr<torch::optim::Optimizer> make_model_optimizer(OptimizerKind kind, NerModelImpl& model,
                                                              const TrainOptions& options, int tasks) {
  auto* bert = bert_of(model);
  if (!bert) return make_optimizer(kind, model.parameters(), options.lr, options.weight_decay, tasks);
  std::unordered_set<const void*> in_bert;
  for (const auto& p : (*bert)->parameters()) in_bert.insert(p.unsafeGetTensorImpl());
  std::vector<torch::Tensor> heads, encoder;
  for (const auto& p : model.parameters())
    (in_bert.count(p.unsafeGetTensorImpl()) ? encoder : heads).push_back(p);
  auto optimizer = make_optimizer(kind, heads, options.lr, options.weight_decay, tasks);
  if (options.freeze_bert) {
    for (auto& p : encoder) p.set_requires_grad(false);
  } else {
    optimizer->add_param_group(torch::optim::OptimizerParamGroup(encoder));
  }
  return optimizer;
}

void set_group_learning_rates(torch::optim::Optimizer& optimizer, double lr, const TrainOptions& options) {
  auto& groups = optimizer.param_groups();
  for (std::size_t g = 0; g < groups.size(); ++g)
    groups[g].options().set_lr(g == 0 || options.lr <= 0 ? lr : lr * options.bert_lr / options.lr);
}

Bf16Autocast::Bf16Autocast(bool on, const torch::Device& device) : on_(on), cuda_(device.is_cuda()) {
  if (on_) set_bf16_autocast(cuda_, true);
}

Bf16Autocast::~Bf16Autocast() {
  if (on_) set_bf16_autocast(cuda_, false);
}

}  // namespace ner
