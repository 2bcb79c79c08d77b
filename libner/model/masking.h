// Helpers that keep padding from leaking between the sentences of a batch. Convolutions see
// neighbours, so every convolution input has its padded positions zeroed first; a sentence then
// sees zeros past its end whether the batch is padded there or not.
#pragma once

#include <cstdint>

#include <torch/torch.h>

namespace ner {

// x [B,C,T] (channels first) with padded positions set to zero.
inline torch::Tensor zero_padding_channels_first(const torch::Tensor& x, const torch::Tensor& mask) {
  return x * mask.unsqueeze(1).to(x.scalar_type());
}

// Pads the time axis of x [B,C,T] with zeros so that a convolution of `kernel` and `dilation`
// (padding 0) keeps the length. An even kernel cannot be centred: it gets the extra position on
// the right (kernel 4 sees t-1..t+2, kernel 2 sees t..t+1).
inline torch::Tensor pad_for_same_length(const torch::Tensor& x, int64_t kernel, int64_t dilation = 1) {
  const int64_t total = dilation * (kernel - 1);
  const int64_t left = total / 2;
  if (total == 0) return x;
  return torch::constant_pad_nd(x, {left, total - left}, 0);
}

}  // namespace ner
