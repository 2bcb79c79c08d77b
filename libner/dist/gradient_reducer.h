// Data-parallel training's two collectives, after PyTorch's DistributedDataParallel (Li et al.,
// "PyTorch Distributed: Experiences on Accelerating Data Parallel Training", VLDB 2020):
// the parameters start equal on every rank (a broadcast from rank 0), and after each backward
// pass the ranks' gradients are summed so that every rank takes the same optimiser step.
//
// Gradients travel in buckets of about 25 MB (DDP's default): one all-reduce per parameter would
// pay the latency of a collective hundreds of times a step, one for the whole model could not
// start before the backward pass ends. With `overlap`, a hook on each parameter copies its
// gradient into its bucket as the backward pass produces it, and a full bucket's all-reduce starts
// at once, running on the backend's threads (Gloo) or stream (NCCL) while the backward pass goes
// on. Buckets are filled in reverse parameter order, which is roughly the order in which the
// backward pass produces gradients, and are started strictly in bucket order, because c10d
// matches the collectives of the ranks by their order.
#pragma once

#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

#include <torch/torch.h>

#include "libner/dist/process_group.h"

namespace ner {

// Copies rank 0's parameters and buffers to every other rank. Throws ner::Error when the ranks'
// modules differ in size (different options or data on different ranks).
void broadcast_parameters(ProcessGroupHandle& group, torch::nn::Module& module);

class GradientReducer {
 public:
  static constexpr std::size_t kDefaultBucketBytes = std::size_t{25} << 20;

  // The parameters that require a gradient; duplicates (shared parameters) count once.
  GradientReducer(ProcessGroupHandle& group, const std::vector<torch::Tensor>& parameters,
                  std::size_t bucket_bytes = kDefaultBucketBytes, bool overlap = true);
  ~GradientReducer();  // removes the hooks
  GradientReducer(const GradientReducer&) = delete;
  GradientReducer& operator=(const GradientReducer&) = delete;

  // Before the backward pass of a step. `share` is this rank's weight in the global loss (see
  // loss_share in batch_shard.h): each rank contributes share × its gradient, and the sum is the
  // gradient of the global batch's loss. With equal slices, share = 1/world_size is the average.
  void prepare(double share);
  // After the backward pass, or instead of it when this rank's slice of the batch is empty (its
  // gradient counts as zero; it must still take part). Starts the buckets not started yet, waits
  // for all, and writes the reduced gradients into each parameter's grad(). One backward pass per
  // prepare(): gradients accumulated over several are not what is reduced.
  void finish();

  std::size_t bucket_count() const { return buckets_.size(); }
  bool overlap() const { return overlap_; }

 private:
  struct Slot {
    torch::Tensor parameter;
    std::int64_t offset = 0;
    bool filled = false;
  };
  struct Bucket {
    torch::Tensor flat;  // the gradients of its slots, one after another
    std::vector<Slot> slots;
    std::size_t filled = 0;
    bool started = false;
    PendingCollective reduction;
  };

  void on_gradient(std::size_t bucket, std::size_t slot, const torch::Tensor& gradient);
  void start_ready_buckets();  // under mutex_
  void start(Bucket& bucket);

  ProcessGroupHandle& group_;
  bool overlap_;
  std::vector<Bucket> buckets_;
  std::vector<std::pair<torch::Tensor, unsigned>> hooks_;
  std::mutex mutex_;  // hooks may run on the autograd engine's device threads
  bool armed_ = false;
  double share_ = 1;
  std::size_t next_start_ = 0;
};

// The simple form, without hooks: after the backward pass, all-reduce every gradient in buckets.
void allreduce_gradients(ProcessGroupHandle& group, torch::nn::Module& module, double share,
                         std::size_t bucket_bytes = GradientReducer::kDefaultBucketBytes);

}  // namespace ner
