// Helpers that keep padding from leaking between the sentences of a batch. Convolutions see
// neighbours, so every convolution input has its padded positions zeroed first; a sentence then
// sees zeros past its end whether the batch is padded there or not.
//
// Activations stay time-major ([B,T,C]) through every convolution, IDCNN's dense ones and
// imConvNet's depthwise ones alike: on the CPU (LibTorch 1.13, oneDNN) masked_conv below ran
// depthwise convolutions 3x faster forward and backward than conv1d on [B,C,T], and IDCNN tagging
// 14% faster (training within 3%).
#pragma once

#include <array>
#include <cstdint>
#include <utility>

#include <torch/torch.h>

#include "libner/model/cpu_sgemm.h"
#include "libner/model/time_conv.h"

namespace ner {

// The zeros to add before and after the time axis so that a convolution of `kernel` and
// `dilation` (padding 0) keeps the length. An even kernel cannot be centred: it gets the extra
// position on the right (kernel 4 sees t-1..t+2, kernel 2 sees t..t+1).
inline std::pair<int64_t, int64_t> same_length_padding(int64_t kernel, int64_t dilation) {
  const int64_t total = dilation * (kernel - 1);
  return {total / 2, total - total / 2};
}

// Applies `conv` (stride 1, its own padding unused) to x [B,T,C] (time-major) with padded
// positions zeroed and the length kept (same_length_padding); returns [B,T,C']. It runs as a 2-D
// convolution over x viewed as [B,C,1,T], which in channels-last memory is x's own layout, so
// oneDNN reads and writes time-major tensors without the transposes and copies of a conv1d.
// Dense convolutions (groups == 1) in float32 on the CPU run as matrix products instead, where
// cpu_sgemm applies (time_conv.h).
inline torch::Tensor masked_conv(torch::nn::Conv1dImpl& conv, const torch::Tensor& x, const torch::Tensor& mask) {
  const auto& options = conv.options;
  const int64_t dilation = (*options.dilation())[0];
  const auto [left, right] = same_length_padding((*options.kernel_size())[0], dilation);
  if (options.groups() == 1 && cpu_sgemm_applies(x, conv.weight))
    return sgemm_time_conv(x, mask, conv.weight, conv.bias, dilation, left);
  auto h = x * mask.unsqueeze(-1).to(x.scalar_type());
  // A centred kernel leaves the zeros to the convolution itself, which saves a copy.
  if (left != right) h = torch::constant_pad_nd(h, {0, 0, left, right}, 0);
  const std::array<int64_t, 2> stride{1, 1}, padding{0, left == right ? left : 0}, dilations{1, dilation};
  // On CUDA the weight goes in the default layout: with a channels-last one, cuDNN 9 compiled a
  // kernel for every new sentence length (~400 ms each for a depthwise weight on an H200, 6 ms for
  // a dense one; imConvNet trained at 931 tokens/s), while the copy costs microseconds there.
  const auto weight = conv.weight.is_cuda() ? conv.weight.contiguous() : conv.weight;
  auto y = torch::conv2d(h.transpose(1, 2).unsqueeze(2), weight.unsqueeze(2), conv.bias, stride, padding, dilations,
                         options.groups());
  return y.squeeze(2).transpose(1, 2);
}

// A Conv1d for masked_conv: its weight [F,C,k] lies in memory as [F,k,C], so that the 2-D view
// masked_conv hands oneDNN is channels-last like the activations. With the default layout LibTorch
// copied each weight into channels-last at every call and each gradient back, element by element
// (~10% of an IDCNN training step's operator time in LibTorch's profiler). Moving or loading the
// model keeps the layout (copy_, to()); masked_conv hands CUDA a contiguous copy.
inline torch::nn::Conv1d time_major_conv1d(const torch::nn::Conv1dOptions& options) {
  torch::nn::Conv1d conv(options);
  torch::NoGradGuard no_grad;
  conv->weight.set_data(conv->weight.permute({0, 2, 1}).contiguous().permute({0, 2, 1}));
  return conv;
}

}  // namespace ner
