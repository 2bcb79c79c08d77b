#include "libner/model/softmax_decoder.h"

#include <limits>

#include "libner/model/crf.h"

namespace ner {

namespace {

torch::Tensor penalties(const torch::Tensor& allowed) {
  return torch::zeros(allowed.sizes()).masked_fill(allowed.logical_not(), -std::numeric_limits<double>::infinity());
}

}  // namespace

SoftmaxDecoder::SoftmaxDecoder(const std::vector<std::string>& labels, Scheme scheme, bool constrained_decoding)
    : constrained_decoding_(constrained_decoding) {
  if (constrained_decoding) {
    auto allowed = allowed_transitions(labels, scheme);
    transitions_ = register_buffer("transitions", penalties(allowed.transitions));
    start_ = register_buffer("start", penalties(allowed.start));
    end_ = register_buffer("end", penalties(allowed.end));
  }
}

torch::Tensor SoftmaxDecoder::loss(const torch::Tensor& emissions, const torch::Tensor& mask,
                                   const torch::Tensor& labels) {
  const int64_t num_labels = emissions.size(2);
  auto logits = emissions.reshape({-1, num_labels}).to(torch::kFloat);
  auto flat_mask = mask.reshape(-1);
  auto per_token = torch::nn::functional::cross_entropy(
      logits, labels.reshape(-1).masked_fill(flat_mask.logical_not(), 0),
      torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
  auto mf = flat_mask.to(per_token.scalar_type());
  return (per_token * mf).sum() / mf.sum().clamp_min(1);
}

std::vector<std::vector<int64_t>> SoftmaxDecoder::decode(const torch::Tensor& emissions, const torch::Tensor& mask) {
  torch::NoGradGuard no_grad;
  if (constrained_decoding_)
    return viterbi_decode(torch::log_softmax(emissions.to(torch::kFloat), 2), mask, transitions_, start_, end_);
  auto best = emissions.argmax(2).to(torch::kCPU).contiguous();
  auto lengths = mask.sum(1).to(torch::kCPU);
  std::vector<std::vector<int64_t>> paths(static_cast<std::size_t>(best.size(0)));
  auto b_acc = best.accessor<int64_t, 2>();
  auto len = lengths.accessor<int64_t, 1>();
  for (int64_t b = 0; b < best.size(0); ++b)
    for (int64_t t = 0; t < len[b]; ++t) paths[static_cast<std::size_t>(b)].push_back(b_acc[b][t]);
  return paths;
}

torch::Tensor SoftmaxDecoder::marginals(const torch::Tensor& emissions, const torch::Tensor& mask) {
  torch::NoGradGuard no_grad;
  return torch::softmax(emissions.to(torch::kFloat), 2) * mask.unsqueeze(2).to(torch::kFloat);
}

}  // namespace ner
