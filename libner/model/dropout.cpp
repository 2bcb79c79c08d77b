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
  if (!thread_generator || !x.device().is_cpu() || !training || p == 0.0) return torch::dropout(x, p, training);
  return x * bernoulli_mask(x.sizes(), x.options(), 1.0 - p).div_(1.0 - p);
}

torch::Tensor bernoulli_mask(at::IntArrayRef sizes, const torch::TensorOptions& options, double keep) {
  auto mask = torch::empty(sizes, options);
  if (thread_generator && options.device().is_cpu()) return mask.bernoulli_(keep, *thread_generator);
  return mask.bernoulli_(keep);
}

}  // namespace ner
