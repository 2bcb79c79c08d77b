#include "libner/tag/tagger.h"

#include <torch/torch.h>

#include "libner/model/ner_model.h"
#include "libner/train/batch_tensors.h"
#include "libner/train/runtime.h"

namespace ner {

Tagger::Tagger(const std::string& model_path, const std::string& device) {
  device_ = resolve_device(device);
  model_ = load_model(model_path, device_);
  model_.model->eval();
}

Tagger::~Tagger() = default;

std::vector<std::vector<std::string>> Tagger::tag(const std::vector<std::vector<std::string>>& sentences,
                                                  const BatchLimits& limits) const {
  std::vector<std::vector<std::string>> out(sentences.size());
  if (sentences.empty()) return out;
  c10::InferenceMode inference;  // no autograd records, no version counters: faster than NoGradGuard
  const torch::Device device(device_);
  IdSequences ids(sentences.size());
  std::vector<std::size_t> lengths(sentences.size());
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    ids[s].reserve(sentences[s].size());
    for (const auto& token : sentences[s]) ids[s].push_back(model_.vocabulary.id(token));
    lengths[s] = sentences[s].size();
  }
  const auto& labels = model_.labels;
  for (const auto& batch : make_batches(lengths, limits)) {
    auto t = make_batch_tensors(ids, nullptr, batch, device);
    const auto paths = model_.model->decode(t.token_ids, t.mask);
    for (std::size_t r = 0; r < batch.size(); ++r) {
      auto& dst = out[batch[r]];
      dst.reserve(paths[r].size());
      for (int64_t id : paths[r]) dst.push_back(labels.at(static_cast<std::size_t>(id)));
    }
  }
  return out;
}

}  // namespace ner
