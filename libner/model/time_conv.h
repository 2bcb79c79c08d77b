// A dense convolution over time on time-major activations, as matrix products in cpu_sgemm
// (cpu_sgemm.h says why): masked_conv's path for convolutions with groups == 1 where
// cpu_sgemm_applies. With the weight [F,C,k] stored as [F,k,C] (time_major_conv1d), one product
// Z = X W^T ([B*T,C] x [C,F*k]) gives every tap of every output at once, and
//   y[b,t,f] = bias[f] + sum_j Z[b, t + j*dilation - left, f, j]
// over the positions inside the sentence (x is read as zero at padded positions). The backward pass is
// two products of the same size. oneDNN's own convolutions spent a quarter of their time outside
// the products (IDCNN, per convolution and step: 2.3 ms in oneDNN's three primitives, 0.35 ms
// reordering the weight into their blocked layout, 0.4 ms in LibTorch around them): IDCNN-CRF
// trains 15% faster this way (alternated runs, 11.2k against 13.0k tokens/s on 2 threads).
#pragma once

#include <cstdint>

#include <torch/torch.h>

namespace ner {

// x [B,T,C] read as zero where mask [B,T] is false, weight [F,C,k], bias [F]; returns [B,T,F],
// where tap j of the kernel reads position t + j*dilation - left.
torch::Tensor sgemm_time_conv(const torch::Tensor& x, const torch::Tensor& mask, const torch::Tensor& weight,
                              const torch::Tensor& bias, int64_t dilation, int64_t left);

}  // namespace ner
