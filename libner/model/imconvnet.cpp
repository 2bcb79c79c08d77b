#include "libner/model/imconvnet.h"

#include <string>

#include "libner/model/dropout.h"
#include "libner/model/linear.h"
#include "libner/model/masking.h"

namespace ner {

namespace {

constexpr int64_t kStemKernel = 4;
constexpr int64_t kTransitionKernel = 2;
constexpr int64_t kExpansion = 4;  // ConvNeXt's inverted bottleneck

// ConvNeXt's LayerNorm eps.
torch::nn::LayerNorm channel_norm(int64_t dim) {
  return torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-6));
}

// LayerNorm in the norm's own type: under CPU bf16 autocast LibTorch 1.13's layer_norm refuses a
// bf16 input with float32 weights (autocast on CUDA, and LibTorch 2.x, normalise in float32 too).
torch::Tensor normalize(torch::nn::LayerNormImpl& norm, const torch::Tensor& x) {
  return norm.forward(x.to(norm.weight.scalar_type()));
}

// ConvNeXt initialises convolutions and linear layers with a truncated normal of std 0.02 and
// zero biases.
void init_weights(torch::nn::Module& module) {
  torch::NoGradGuard no_grad;
  for (auto& p : module.named_parameters(true)) {
    const auto& name = p.key();
    auto& t = p.value();
    if (name.size() >= 6 && name.compare(name.size() - 6, 6, "weight") == 0 && t.dim() > 1) {
      t.normal_(0.0, 0.02).clamp_(-0.04, 0.04);
    } else if (name.size() >= 4 && name.compare(name.size() - 4, 4, "bias") == 0) {
      t.zero_();
    }
  }
}

// Stochastic depth (Huang et al. 2016): in training, drops the whole residual branch of a sample
// with probability p and scales the kept ones by 1/(1-p).
torch::Tensor drop_path(const torch::Tensor& x, double p, bool training) {
  if (p == 0.0 || !training) return x;
  return x * bernoulli_mask({x.size(0), 1, 1}, x.options(), 1.0 - p) / (1.0 - p);
}

}  // namespace

ConvNextBlock::ConvNextBlock(int64_t dim, int64_t kernel, double layer_scale_init, double drop_path)
    : drop_path_(drop_path) {
  depthwise_ = register_module("depthwise", time_major_conv1d(torch::nn::Conv1dOptions(dim, dim, kernel).groups(dim)));
  norm_ = register_module("norm", channel_norm(dim));
  expand_ = register_module("expand", torch::nn::Linear(dim, kExpansion * dim));
  project_ = register_module("project", torch::nn::Linear(kExpansion * dim, dim));
  if (layer_scale_init > 0) gamma_ = register_parameter("gamma", torch::full({dim}, layer_scale_init));
}

torch::Tensor ConvNextBlock::forward(const torch::Tensor& x, const torch::Tensor& mask) {
  auto h = masked_conv(*depthwise_, x, mask);
  h = ner::linear(project_, torch::gelu(ner::linear(expand_, normalize(*norm_, h))));
  if (gamma_.defined()) h = h * gamma_;
  return x + drop_path(h, drop_path_, is_training());
}

ImConvNet::ImConvNet(int64_t input_dim, const std::vector<int64_t>& depths, const std::vector<int64_t>& widths,
                     int64_t kernel, double layer_scale_init, double drop_path) {
  stem_ = register_module("stem", time_major_conv1d(torch::nn::Conv1dOptions(input_dim, widths[0], kStemKernel)));
  stem_norm_ = register_module("stem_norm", channel_norm(widths[0]));
  transition_norms_ = register_module("transition_norms", torch::nn::ModuleList());
  transition_convs_ = register_module("transition_convs", torch::nn::ModuleList());
  int64_t total_depth = 0;
  for (auto d : depths) total_depth += d;
  int64_t block_index = 0;
  for (std::size_t s = 0; s < depths.size(); ++s) {
    if (s > 0) {
      transition_norms_->push_back(channel_norm(widths[s - 1]));
      transition_convs_->push_back(
          time_major_conv1d(torch::nn::Conv1dOptions(widths[s - 1], widths[s], kTransitionKernel)));
    }
    stages_.emplace_back();
    for (int64_t b = 0; b < depths[s]; ++b, ++block_index) {
      // Drop-path rates rise linearly from 0 to `drop_path` over all blocks, as in ConvNeXt.
      const double rate = total_depth > 1 ? drop_path * static_cast<double>(block_index) / (total_depth - 1) : drop_path;
      stages_.back().push_back(register_module("stage" + std::to_string(s) + "_block" + std::to_string(b),
                                               std::make_shared<ConvNextBlock>(widths[s], kernel, layer_scale_init, rate)));
    }
    output_dim_ += widths[s];
  }
  init_weights(*this);
}

torch::Tensor ImConvNet::forward(const torch::Tensor& x, const torch::Tensor& mask) {
  auto h = normalize(*stem_norm_, masked_conv(*stem_, x, mask));
  std::vector<torch::Tensor> outputs;
  for (std::size_t s = 0; s < stages_.size(); ++s) {
    if (s > 0) {
      h = normalize(*transition_norms_->ptr<torch::nn::LayerNormImpl>(s - 1), h);
      h = masked_conv(*transition_convs_->ptr<torch::nn::Conv1dImpl>(s - 1), h, mask);
    }
    for (auto& block : stages_[s]) h = block->forward(h, mask);
    outputs.push_back(h);
  }
  return torch::cat(outputs, 2);  // [B,T,sum of widths]
}

}  // namespace ner
