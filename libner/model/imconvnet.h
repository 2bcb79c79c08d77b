// imConvNet: ConvNeXt (Liu et al. 2022, "A ConvNet for the 2020s") adapted to sequences of
// characters, as the imConvNet-CRF paper describes it:
//   stem        convolution of kernel 4, stride 1, then LayerNorm
//   4 stages    of ConvNeXt blocks: depthwise convolution (kernel 7), LayerNorm, pointwise
//               expansion x4, GELU, pointwise projection, layer scale, drop path, residual;
//               depths 3:3:9:3, widths 128/256/512/1024
//   between     LayerNorm, then a convolution of kernel 2 and stride 1 ("downsampling" that keeps
//               the sequence length, since every character needs a label)
//   output      the outputs of all four stages concatenated (128+256+512+1024 channels)
// Even kernels are padded asymmetrically (masking.h) and every convolution's input is zeroed past
// the sentence's end, so padding never leaks into a sentence.
#pragma once

#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include "libner/model/parts.h"

namespace ner {

// One ConvNeXt block on x [B,T,C].
class ConvNextBlock : public torch::nn::Module {
 public:
  ConvNextBlock(int64_t dim, int64_t kernel, double layer_scale_init, double drop_path);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask);

 private:
  double drop_path_;
  torch::nn::Conv1d depthwise_{nullptr};
  torch::nn::LayerNorm norm_{nullptr};
  torch::nn::Linear expand_{nullptr}, project_{nullptr};
  torch::Tensor gamma_;  // layer scale; undefined when off
};

class ImConvNet : public ContextLayer {
 public:
  ImConvNet(int64_t input_dim, const std::vector<int64_t>& depths, const std::vector<int64_t>& widths, int64_t kernel,
            double layer_scale_init, double drop_path);

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask) override;
  int64_t output_dim() const override { return output_dim_; }

 private:
  int64_t output_dim_ = 0;
  torch::nn::Conv1d stem_{nullptr};
  torch::nn::LayerNorm stem_norm_{nullptr};
  // transitions_[i] leads into stage i+1: LayerNorm then a kernel-2 convolution.
  torch::nn::ModuleList transition_norms_, transition_convs_;
  std::vector<std::vector<std::shared_ptr<ConvNextBlock>>> stages_;
};

}  // namespace ner
