// Independent per-token classification: cross-entropy for training, the most probable label of
// each token for decoding. With constrained decoding it picks the most probable well-formed
// sequence instead (Viterbi over log-probabilities with the scheme's forbidden moves at -inf),
// which repairs the ill-formed sequences a softmax tagger emits.
#pragma once

#include <string>
#include <vector>

#include <torch/torch.h>

#include "libner/model/parts.h"
#include "libner/scheme/scheme.h"

namespace ner {

class SoftmaxDecoder : public Decoder {
 public:
  SoftmaxDecoder(const std::vector<std::string>& labels, Scheme scheme, bool constrained_decoding);

  torch::Tensor loss(const torch::Tensor& emissions, const torch::Tensor& mask, const torch::Tensor& labels) override;
  std::vector<std::vector<int64_t>> decode(const torch::Tensor& emissions, const torch::Tensor& mask) override;
  torch::Tensor marginals(const torch::Tensor& emissions, const torch::Tensor& mask) override;

 private:
  bool constrained_decoding_;
  torch::Tensor transitions_, start_, end_;  // 0 where allowed, -inf where forbidden (buffers)
};

}  // namespace ner
