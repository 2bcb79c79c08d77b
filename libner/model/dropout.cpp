#include "libner/model/dropout.h"

#include <ATen/CPUGeneratorImpl.h>

namespace ner {

namespace {

thread_local at::Generator* thread_generator = nullptr;

}  // namespace

ThreadGenerator::ThreadGenerator(uint64_t seed)
    : generator_(at::detail::createCPUGenerator(seed)), previous_(thread_generator) {
  thread_generator = &generator_;
}

ThreadGenerator::~ThreadGenerator() { thread_generator = previous_; }

torch::Tensor dropout(const torch::Tensor& x, double p, bool training) {
  if (!training || p == 0.0 || !x.device().is_cpu()) return torch::dropout(x, p, training);
  return x * bernoulli_mask(x.sizes(), x.options(), 1.0 - p).div_(1.0 - p);
}

// Uniform draws compared with `keep`, in float32 whatever the tensor's type (a bf16 uniform would
// round some draws onto `keep`): on the CPU this is 3.7x faster than bernoulli_, which LibTorch
// 1.13 without MKL draws element by element (torch::dropout spent 7% of an IDCNN's training there).
torch::Tensor bernoulli_mask(at::IntArrayRef sizes, const torch::TensorOptions& options, double keep) {
  if (!options.device().is_cpu()) return torch::empty(sizes, options).bernoulli_(keep);
  const auto float_options = options.dtype(torch::kFloat);
  auto draws = thread_generator ? torch::rand(sizes, *thread_generator, float_options) : torch::rand(sizes, float_options);
  return draws.lt_(keep).to(options.dtype());
}

}  // namespace ner
