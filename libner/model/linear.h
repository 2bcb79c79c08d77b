// A Linear layer applied as PyTorch's nn.Linear applies it (at::linear), except on the CPU in
// float32, where the products run in cpu_sgemm when it applies (cpu_sgemm.h says why).
//
// Why at::linear: LibTorch's C++ torch::nn::Linear::forward multiplies inputs of more than two
// dimensions with matmul and then adds the bias in a kernel of its own; at::linear folds a
// contiguous [B,T,C] into one addmm, whose bias CUDA adds in cuBLASLt's epilogue. Found by setting
// LibTorch's profiles of the BERT encoder and of transformers' BertModel side by side: 144 aten::mm
// and 144 aten::add_ a forward against 144 aten::addmm.
#pragma once

#include <torch/torch.h>

namespace ner {

torch::Tensor linear(const torch::nn::Linear& layer, const torch::Tensor& x);

// x weight^T + bias (bias may be undefined), for layers that keep their weights in other modules.
torch::Tensor linear(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias);

}  // namespace ner
