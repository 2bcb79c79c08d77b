// The forward and backward recursions of a linear-chain CRF (crf.h) in log space, batched and
// masked, and the log-partition function built on them with a hand-written gradient.
//
// Why not autograd through the forward algorithm: it records a dozen small operations per time
// step and replays more backwards, and on the CPU those tiny dispatches cost 13% of an IDCNN-CRF
// training step (12.8k tokens/s against 14.7k for IDCNN-softmax). The gradient of log Z is the
// marginals (Sutton & McCallum, "An Introduction to Conditional Random Fields", 2012), which one
// backward recursion gives; each step of either recursion is a matrix product in exp space, run
// without autograd's bookkeeping, with the same operations on the CPU and on CUDA.
//
// Tensors are time-major: emissions [T,B,L], `on` [T,B,1] (bool: the step is inside the row).
// Rows past their end keep their last alpha; their beta is the end scores.
#pragma once

#include <torch/torch.h>

namespace ner {

// alphas [T,B,L]: alpha_t[b,j] = log of the summed scores of the paths over row b's steps 0..t
// that end in label j (start and emission scores included).
torch::Tensor crf_alphas(const torch::Tensor& emissions, const torch::Tensor& on, const torch::Tensor& transitions,
                         const torch::Tensor& start);

// betas [T,B,L]: beta_t[b,i] = log of the summed scores of the continuations of label i at step t
// to the row's end (the end score included, the emission at t not).
torch::Tensor crf_betas(const torch::Tensor& emissions, const torch::Tensor& on, const torch::Tensor& transitions,
                        const torch::Tensor& end);

// log Z of each row [B] for emissions [B,T,L] and mask [B,T] (bool; the first step always counts),
// differentiable with respect to emissions, transitions [L,L], start [L] and end [L] (not twice).
torch::Tensor crf_log_partition(const torch::Tensor& emissions, const torch::Tensor& mask,
                                const torch::Tensor& transitions, const torch::Tensor& start,
                                const torch::Tensor& end);

}  // namespace ner
