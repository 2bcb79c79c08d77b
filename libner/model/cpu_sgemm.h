// Float32 matrix products on the CPU in oneDNN's sgemm, for the layers whose products dominate
// training: linear layers (linear.cpp) and dense convolutions over time (time_conv.h).
//
// Why: LibTorch multiplies float32 matrices on the CPU with the BLAS it was built with (Debian's:
// OpenBLAS), which runs the kernels it picks for the CPU, or those OPENBLAS_CORETYPE names. On the
// AMD Zen 5 hosts this project is measured on, OpenBLAS runs its AVX2 kernels (the hosts set
// OPENBLAS_CORETYPE=Haswell; Debian 12's OpenBLAS 0.3.21 predates the CPU), while oneDNN, which
// LibTorch already loads for its convolutions, picks AVX-512 kernels itself: the [360,C]x[C,4C]
// and [360,4C]x[4C,C] products of imConvNet's blocks ran 1.5-2.1x faster, most of them 1.9x (C
// from 32 to 256, one thread, dnnl_sgemm against torch.mm in Debian's python3-torch).
// Without libdnnl-dev at build time, cpu_sgemm_applies() is false and LibTorch's operators run.
#pragma once

#include <cstdint>

#include <torch/torch.h>

namespace ner {

// Whether cpu_sgemm takes the operands of a layer with input x and weight: float32 on the CPU,
// outside autocast (ner-train --bf16 keeps LibTorch's bf16 operators), with oneDNN built in.
bool cpu_sgemm_applies(const torch::Tensor& x, const torch::Tensor& weight);

// c[m,n] = a[m,k] b[k,n] + beta c, on contiguous float32 tensors read as row-major matrices, with a
// stored as [k,m] where transpose_a and b as [n,k] where transpose_b.
void cpu_sgemm(bool transpose_a, bool transpose_b, int64_t m, int64_t n, int64_t k, const torch::Tensor& a,
               const torch::Tensor& b, float beta, torch::Tensor& c);

// The same on row-major float32 matrices in memory, for loops that multiply many small slices
// (lstm.cpp's steps) without making a tensor of each.
void cpu_sgemm(bool transpose_a, bool transpose_b, int64_t m, int64_t n, int64_t k, const float* a, const float* b,
               float beta, float* c);

}  // namespace ner
