// A loaded model that labels token sequences: tokens to vocabulary ids, length-sorted batches,
// the model's decode (Viterbi for a CRF), ids back to label strings.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "libner/model/model_file.h"
#include "libner/train/batching.h"

namespace ner {

class TokenIds;

class Tagger {
 public:
  // Loads `model_path` onto `device` (cpu, cuda, cuda:N, auto). Throws ner::Error on a bad file.
  Tagger(const std::string& model_path, const std::string& device = "cpu");
  ~Tagger();

  // The labels of each token sequence (empty sequences get none), decoded in batches of similar
  // length within `limits`; the output is in the input's order. With `confidences`, also each
  // token's probability of its label (CRF: the forward-backward marginal; softmax: the softmax),
  // which costs one more pass over the emissions. A model learnt in another scheme (ner-train
  // --train-scheme) returns its labels respelled in the data's scheme; the confidences stay those
  // of the labels it decoded (E-X's where it writes I-X).
  std::vector<std::vector<std::string>> tag(const std::vector<std::vector<std::string>>& sentences,
                                            const BatchLimits& limits,
                                            std::vector<std::vector<float>>* confidences = nullptr) const;

  const LoadedModel& model() const { return model_; }

  // Sentences longer than the encoder's limit (BERT: max_position_embeddings - 2; other encoders
  // have none) are tagged in windows of `window` tokens every `stride` tokens (windows.h); 0 takes
  // the limit and half the window. Throws UsageError for a window above the limit.
  void set_windows(std::size_t window, std::size_t stride);
  std::size_t max_tokens() const { return max_tokens_; }

  // CPU threads (0: one per CPU). On the CPU, that many batches are decoded at once, each on one
  // thread (set_torch_piece_threads); on CUDA, LibTorch's intra-op threads. Sets LibTorch's
  // process-wide thread counts. Without a call, batches are decoded one at a time with LibTorch's
  // current threads. The labels are the same either way.
  void set_threads(int threads);

  // bf16 autocast for the network (the CRF still decodes in float32). Returns whether it took
  // effect: on CUDA and on CPUs with bf16 instructions (bf16_is_native), not elsewhere.
  bool set_bf16(bool on);

 private:
  LoadedModel model_;
  // Built once: a BERT model's tokenizer comes from its vocabulary (21k pieces) in the model's
  // header, which each call of tag() would otherwise parse again.
  std::unique_ptr<const TokenIds> token_ids_;
  std::string device_;
  std::size_t max_tokens_ = 0;  // 0: no limit
  std::size_t window_ = 0, stride_ = 0;
  bool bf16_ = false;
  int parallel_batches_ = 1;
};

}  // namespace ner
