#include "libner/model/cpu_sgemm.h"

#include <ATen/autocast_mode.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#ifdef NER_WITH_DNNL
#include <dnnl.h>
#endif

namespace ner {

namespace {

bool cpu_autocast_enabled() {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
  return at::autocast::is_autocast_enabled(at::kCPU);
#else
  return at::autocast::is_cpu_enabled();
#endif
}

}  // namespace

bool cpu_sgemm_applies(const torch::Tensor& x, const torch::Tensor& weight) {
#ifdef NER_WITH_DNNL
  return x.device().is_cpu() && weight.device().is_cpu() && x.scalar_type() == torch::kFloat &&
         weight.scalar_type() == torch::kFloat && x.layout() == torch::kStrided && !cpu_autocast_enabled();
#else
  (void)x, (void)weight;
  return false;
#endif
}

void cpu_sgemm(bool transpose_a, bool transpose_b, int64_t m, int64_t n, int64_t k, const torch::Tensor& a,
               const torch::Tensor& b, float beta, torch::Tensor& c) {
  TORCH_CHECK(a.is_contiguous() && b.is_contiguous() && c.is_contiguous(), "cpu_sgemm: operands must be contiguous");
  cpu_sgemm(transpose_a, transpose_b, m, n, k, a.data_ptr<float>(), b.data_ptr<float>(), beta, c.data_ptr<float>());
}

void cpu_sgemm(bool transpose_a, bool transpose_b, int64_t m, int64_t n, int64_t k, const float* a, const float* b,
               float beta, float* c) {
  if (m == 0 || n == 0) return;
  if (k == 0) {  // an empty sum, which oneDNN refuses
    if (beta == 0.0f) std::fill_n(c, m * n, 0.0f);  // not 0 * c, which keeps NaNs
    else std::for_each(c, c + m * n, [beta](float& v) { v *= beta; });
    return;
  }
#ifdef NER_WITH_DNNL
  const auto status = dnnl_sgemm(transpose_a ? 'T' : 'N', transpose_b ? 'T' : 'N', m, n, k, 1.0f, a,
                                 transpose_a ? m : k, b, transpose_b ? k : n, beta, c, n);
  if (status != dnnl_success) throw std::runtime_error("oneDNN sgemm failed (status " + std::to_string(status) + ")");
#else
  (void)transpose_a, (void)transpose_b, (void)a, (void)b, (void)beta, (void)c;
  throw std::logic_error("cpu_sgemm: built without oneDNN (cpu_sgemm_applies is false)");
#endif
}

}  // namespace ner
