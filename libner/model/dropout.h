// Dropout and drop path whose random numbers can come from a generator of the calling thread.
// LibTorch's dropout draws from the process's default generator, so batches trained on several
// threads at once (the trainer's CPU shards) would get masks that depend on the threads' timing.
// Under a ThreadGenerator, the thread draws from a CPU generator of its own, seeded by the caller:
// a run is then the same whatever the timing. Without one, these draw from the default generator.
// On the CPU the masks come from uniform draws (bernoulli_mask), faster than torch::dropout's.
#pragma once

#include <cstdint>

#include <torch/torch.h>

namespace ner {

class ThreadGenerator {
 public:
  explicit ThreadGenerator(uint64_t seed);
  ~ThreadGenerator();
  ThreadGenerator(const ThreadGenerator&) = delete;
  ThreadGenerator& operator=(const ThreadGenerator&) = delete;

 private:
  at::Generator generator_;
  at::Generator* previous_;
};

// torch::dropout(x, p, training); on the CPU with bernoulli_mask, from the thread's generator when one is set.
torch::Tensor dropout(const torch::Tensor& x, double p, bool training);

// A tensor of `sizes` (with `options`) whose entries are 1 with probability `keep`, else 0.
torch::Tensor bernoulli_mask(at::IntArrayRef sizes, const torch::TensorOptions& options, double keep);

}  // namespace ner
