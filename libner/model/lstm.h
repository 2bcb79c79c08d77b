// A unidirectional one-layer LSTM applied as torch::nn::LSTM applies it (zero initial state,
// batch first, PyTorch's gate order: input, forget, cell, output), except on the CPU in float32,
// where it runs as two autograd nodes of its own.
//
// Why: LibTorch's CPU LSTM multiplies the input by W_ih in OpenBLAS (cpu_sgemm.h says why that is
// slow on the hosts measured here) and records every step's cell as a dozen autograd nodes on
// [B,4H] tensors, whose dispatch costs more than their arithmetic at the sizes ner-train runs
// (a batch part of 8 sentences, 4H = 800). Here the input's gates for all steps come from one
// ner::linear product, and the recurrence is one node that walks the steps itself, forward and
// backward, with the recurrent products in cpu_sgemm.
#pragma once

#include <torch/torch.h>

namespace ner {

// The hidden state of every step, [B,T,H], for x [B,T,D]; `layer` has one layer and one direction.
torch::Tensor lstm(torch::nn::LSTM layer, const torch::Tensor& x);

}  // namespace ner
