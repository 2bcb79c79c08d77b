// The data-parallel side of a training run, in the calls a training loop makes: join the job,
// start every rank from rank 0's weights, train on this rank's slice of each global batch, reduce
// the gradients before the optimiser step, and add up the numbers that every rank must agree on
// (the loss for the log, dev counts, "stop now"). With one process (no RANK/WORLD_SIZE or
// WORLD_SIZE=1) it joins nothing and every call passes through, so a loop has one code path.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "libner/dist/batch_shard.h"
#include "libner/dist/dist_env.h"
#include "libner/dist/gradient_reducer.h"
#include "libner/dist/process_group.h"

namespace ner {

class DataParallel {
 public:
  // Joins the job that env describes (a collective: every rank must get here) when it has more
  // than one process.
  DataParallel(const DistEnv& env, const DistOptions& options, const torch::Device& device);

  bool active() const { return group_ != nullptr; }
  bool is_main() const { return env_.is_main(); }
  int rank() const { return env_.rank; }
  int size() const { return env_.world_size; }
  const DistEnv& env() const { return env_; }
  std::string describe() const;  // "2 processes (gloo, rendezvous 10.0.0.1:29500)" or "one process"

  // Makes the ranks' copies of `module` equal to rank 0's and prepares the gradient buckets over
  // its parameters (overlapped with the backward pass). Call once, after the weights are loaded.
  void start(torch::nn::Module& module);

  // This rank's sentences of a global batch (all of them with one process).
  Batch local_batch(const Batch& global) const;

  // Around the backward pass of each step: `share` is this rank's part of the global loss (see
  // loss_share). When this rank's slice is empty, call both without a backward pass between.
  void before_backward(double share);
  void after_backward();

  // Element-wise sums over the ranks (the values themselves with one process).
  std::vector<double> sum(std::vector<double> values);

  // Waits for every rank.
  void barrier();

  // The device a rank uses: in a job of several processes, "cuda" means this rank's GPU,
  // cuda:LOCAL_RANK, or cuda:0 when the process sees a single GPU (Slurm's --gpus-per-task);
  // anything else stays as it is. Throws ner::Error when LOCAL_RANK is beyond the visible GPUs.
  static std::string rank_device(const std::string& device, const DistEnv& env);

 private:
  DistEnv env_;
  torch::Device device_;
  std::unique_ptr<ProcessGroupHandle> group_;
  std::unique_ptr<GradientReducer> reducer_;
};

}  // namespace ner
