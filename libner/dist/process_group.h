// A c10d process group (LibTorch's torch.distributed in C++): rank 0's TCPStore for the
// rendezvous, then Gloo (CPU, TCP) or NCCL (GPUs) for the collectives. Only the calls ner-train
// needs, with c10d's types kept out of this header: c10d's classes moved between LibTorch 1.x and
// 2.x (ProcessGroup became Backend, the options changed), and the .cpp is the one place that
// knows. No networking of ner's own: everything goes through c10d.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <torch/torch.h>

#include "libner/dist/dist_env.h"

namespace ner {

// A collective under way; wait() blocks until it is done and throws ner::Error when it failed (a
// peer died, or did not answer within the timeout).
class PendingCollective {
 public:
  PendingCollective() = default;
  explicit PendingCollective(std::function<void()> wait) : wait_(std::move(wait)) {}
  void wait();
  bool pending() const { return static_cast<bool>(wait_); }

 private:
  std::function<void()> wait_;
};

class ProcessGroupHandle {
 public:
  // Collective: every rank of env calls it. Rank 0 serves the TCPStore at master_addr:master_port
  // and the others connect to it; then the backend connects every pair. `device` is where the
  // tensors of the collectives live (NCCL: this rank's GPU). Throws ner::Error when the peers do not
  // all arrive within options.timeout, UsageError when the backend is not in this LibTorch.
  ProcessGroupHandle(const DistEnv& env, const DistOptions& options, const torch::Device& device);
  ~ProcessGroupHandle();
  ProcessGroupHandle(const ProcessGroupHandle&) = delete;
  ProcessGroupHandle& operator=(const ProcessGroupHandle&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_main() const { return rank_ == 0; }
  const std::string& backend_name() const { return backend_name_; }
  const torch::Device& device() const { return device_; }

  // In place: every rank ends with the element-wise sum over ranks. `tensor` must be contiguous
  // and stay alive, untouched, until the collective is waited for.
  PendingCollective allreduce_sum_async(const torch::Tensor& tensor);
  void allreduce_sum(const torch::Tensor& tensor) { allreduce_sum_async(tensor).wait(); }
  // In place: every rank ends with root's values.
  void broadcast(const torch::Tensor& tensor, int root = 0);
  // Returns once every rank has called it.
  void barrier();

  // Whether this LibTorch was built with the backend (and ner with its headers).
  static bool has_backend(DistBackend backend);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int rank_ = 0;
  int size_ = 1;
  std::string backend_name_;
  torch::Device device_{torch::kCPU};
};

}  // namespace ner
