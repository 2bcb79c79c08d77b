#include "libner/tag/tagger.h"

#include <optional>

#include <torch/torch.h>

#include "libner/io/error.h"
#include "libner/model/bert_assets.h"
#include "libner/model/ner_model.h"
#include "libner/scheme/scheme.h"
#include "libner/tag/windows.h"
#include "libner/train/batch_tensors.h"
#include "libner/train/bert_training.h"
#include "libner/train/runtime.h"

namespace ner {

Tagger::Tagger(const std::string& model_path, const std::string& device) {
  device_ = resolve_device(device);
  model_ = load_model(model_path, device_);
  model_.model->eval();
  token_ids_ = std::make_unique<const TokenIds>(model_.config, model_.vocabulary);
  max_tokens_ = encoder_max_tokens(model_.config);
  set_windows(0, 0);
}

void Tagger::set_windows(std::size_t window, std::size_t stride) {
  if (!max_tokens_) return;
  if (window > max_tokens_)
    throw UsageError("the window of " + std::to_string(window) + " tokens is longer than the model's limit of " +
                     std::to_string(max_tokens_));
  window_ = window ? window : max_tokens_;
  stride_ = stride ? stride : std::max<std::size_t>(1, window_ / 2);
  if (stride_ > window_) throw UsageError("the stride must not be longer than the window");
}

bool Tagger::set_bf16(bool on) {
  bf16_ = on && bf16_is_native(device_);
  return bf16_ == on;
}

void Tagger::set_threads(int threads) {
  if (torch::Device(device_).is_cuda()) {
    set_torch_threads(threads);
    parallel_batches_ = 1;
  } else {
    parallel_batches_ = set_torch_piece_threads(threads);
  }
}

Tagger::~Tagger() = default;

std::vector<std::vector<std::string>> Tagger::tag(const std::vector<std::vector<std::string>>& sentences,
                                                  const BatchLimits& limits,
                                                  std::vector<std::vector<float>>* confidences) const {
  std::vector<std::vector<std::string>> out(sentences.size());
  if (confidences) confidences->assign(sentences.size(), {});
  if (sentences.empty()) return out;
  c10::InferenceMode inference;  // no autograd records, no version counters: faster than NoGradGuard
  const torch::Device device(device_);
  const TokenIds& token_ids = *token_ids_;
  // Each sentence is one piece, or overlapping windows when it is longer than the encoder's limit;
  // the pieces are decoded like sentences, then each token takes its window's label (windows.h).
  struct Piece {
    std::size_t sentence;
    TokenWindow span;
  };
  std::vector<Piece> pieces;
  std::vector<std::vector<TokenWindow>> windows(sentences.size());
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const auto n = sentences[s].size();
    windows[s] = max_tokens_ && n > max_tokens_ ? make_windows(n, window_, stride_)
                                                : std::vector<TokenWindow>{{0, n}};
    for (const auto& w : windows[s]) pieces.push_back({s, w});
  }
  IdSequences ids(pieces.size());
  std::vector<std::size_t> lengths(pieces.size());
  for (std::size_t p = 0; p < pieces.size(); ++p) {
    const auto& tokens = sentences[pieces[p].sentence];
    for (auto i = pieces[p].span.begin; i < pieces[p].span.end; ++i) ids[p].push_back(token_ids(tokens[i]));
    lengths[p] = ids[p].size();
  }
  const auto& labels = model_.labels;
  // A model trained with --train-scheme writes its labels in the data's scheme.
  std::optional<Scheme> output_scheme;
  if (!model_.config.output_scheme.empty()) output_scheme = parse_scheme(model_.config.output_scheme);
  std::vector<std::vector<int64_t>> piece_labels(pieces.size());
  std::vector<std::vector<float>> piece_confidences(confidences ? pieces.size() : 0);
  // Each batch writes only its own pieces' rows, so batches may run on several threads at once.
  const auto decode_batch = [&](const Batch& batch) {
    const Bf16Autocast autocast(bf16_, device);
    auto t = make_batch_tensors(ids, nullptr, batch, device);
    torch::Tensor marginals;
    auto paths = model_.model->decode(t.token_ids, t.mask, confidences ? &marginals : nullptr);
    if (confidences) {
      const auto probabilities = marginals.to(torch::kCPU, torch::kFloat);
      const auto p = probabilities.accessor<float, 3>();
      for (std::size_t r = 0; r < batch.size(); ++r) {
        auto& dst = piece_confidences[batch[r]];
        for (std::size_t i = 0; i < paths[r].size(); ++i)
          dst.push_back(p[static_cast<int64_t>(r)][static_cast<int64_t>(i)][paths[r][i]]);
      }
    }
    for (std::size_t r = 0; r < batch.size(); ++r) piece_labels[batch[r]] = std::move(paths[r]);
  };
  const auto batches = make_batches(lengths, limits);
  for_each_in_parallel(batches.size(), parallel_batches_, [&](std::size_t b) { decode_batch(batches[b]); });
  for (std::size_t p = 0, s = 0; s < sentences.size(); ++s) {
    const auto n = sentences[s].size();
    auto& dst = out[s];
    dst.reserve(n);
    if (windows[s].size() == 1) {
      for (int64_t id : piece_labels[p]) dst.push_back(labels.at(static_cast<std::size_t>(id)));
      if (confidences) (*confidences)[s] = std::move(piece_confidences[p]);
    } else {
      const auto owner = central_windows(windows[s], n);
      for (std::size_t i = 0; i < n; ++i) {
        const auto at = i - windows[s][owner[i]].begin;
        dst.push_back(labels.at(static_cast<std::size_t>(piece_labels[p + owner[i]].at(at))));
        if (confidences) (*confidences)[s].push_back(piece_confidences[p + owner[i]].at(at));
      }
    }
    if (output_scheme) dst = respell(dst, *output_scheme);
    p += windows[s].size();
  }
  return out;
}

}  // namespace ner
