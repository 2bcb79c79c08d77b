#include "libner/dist/data_parallel.h"

#include "libner/io/error.h"

namespace ner {

DataParallel::DataParallel(const DistEnv& env, const DistOptions& options, const torch::Device& device)
    : env_(env), device_(device) {
  if (env_.distributed()) group_ = std::make_unique<ProcessGroupHandle>(env_, options, device_);
}

std::string DataParallel::describe() const {
  if (!active()) return "one process";
  return std::to_string(size()) + " processes (" + group_->backend_name() + ", rendezvous " + env_.master_addr + ":" +
         std::to_string(env_.master_port) + ")";
}

void DataParallel::start(torch::nn::Module& module) {
  if (!active()) return;
  broadcast_parameters(*group_, module);
  reducer_ = std::make_unique<GradientReducer>(*group_, module.parameters());
}

Batch DataParallel::local_batch(const Batch& global) const {
  return active() ? shard_batch(global, env_.rank, env_.world_size) : global;
}

void DataParallel::before_backward(double share) {
  if (!reducer_) return;
  reducer_->prepare(share);
}

void DataParallel::after_backward() {
  if (!reducer_) return;
  reducer_->finish();
}

std::vector<double> DataParallel::sum(std::vector<double> values) {
  if (!active() || values.empty()) return values;
  auto t = torch::tensor(values, torch::TensorOptions().dtype(torch::kFloat64)).to(device_);
  group_->allreduce_sum(t);
  t = t.to(torch::kCPU);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = t[static_cast<int64_t>(i)].item<double>();
  return values;
}

void DataParallel::barrier() {
  if (active()) group_->barrier();
}

std::string DataParallel::rank_device(const std::string& device, const DistEnv& env) {
  if (device != "cuda" || !env.distributed()) return device;
  // One visible GPU: the launcher gave each process its own (Slurm's --gpus-per-task,
  // CUDA_VISIBLE_DEVICES), whatever LOCAL_RANK says.
  const auto visible = static_cast<int>(torch::cuda::device_count());
  if (visible <= 1) return "cuda:0";
  if (env.local_rank >= visible)
    throw Error("LOCAL_RANK=" + std::to_string(env.local_rank) + ", but this process sees " + std::to_string(visible) +
                " GPUs: start at most one process per GPU, or name one with --device cuda:N");
  return "cuda:" + std::to_string(env.local_rank);
}

}  // namespace ner
