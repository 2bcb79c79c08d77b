// Where this process stands in a data-parallel job: its rank among world_size processes, its rank
// on its own machine (which GPU it drives) and the rendezvous address (rank 0's TCPStore). Read
// from the variables that torchrun and Slurm set, so that ner-train starts the way a PyTorch job
// does. Torch-free: the tools and the batch sharding need no LibTorch headers.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ner {

struct DistEnv {
  int rank = 0;        // RANK, else SLURM_PROCID
  int world_size = 1;  // WORLD_SIZE, else SLURM_NTASKS
  int local_rank = 0;  // LOCAL_RANK, else SLURM_LOCALID: the GPU of this process on its machine
  std::string master_addr = "127.0.0.1";  // MASTER_ADDR: the host of rank 0
  int master_port = 29500;                // MASTER_PORT (torchrun's default)

  bool distributed() const { return world_size > 1; }
  bool is_main() const { return rank == 0; }
  std::string describe() const;  // "rank 1 of 4 (local 1), rendezvous 10.0.0.1:29500"
};

// A lookup of one environment variable (unset: nullopt), so that tests need not touch the real one.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Reads RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT; where RANK/WORLD_SIZE are unset,
// Slurm's SLURM_PROCID/SLURM_NTASKS/SLURM_LOCALID (one task per GPU: `srun --ntasks-per-node=G`).
// Nothing set: one process (rank 0 of 1). Throws ner::Error naming the variable when a value is
// not a number or out of range (rank >= world size), and when a job spans several Slurm nodes
// without MASTER_ADDR (each node would otherwise wait for itself until the timeout).
DistEnv dist_env_from(const EnvLookup& lookup);
DistEnv dist_env_from_environment();

// Which c10d backend carries the collectives: NCCL between GPUs, Gloo on CPU (and as a fallback
// for GPUs); `automatic` picks NCCL when the model runs on CUDA, else Gloo.
enum class DistBackend { automatic, gloo, nccl };

DistBackend parse_dist_backend(std::string_view name);  // "auto", "gloo", "nccl"; UsageError otherwise
std::string dist_backend_name(DistBackend backend);
std::vector<std::string> dist_backend_names();

struct DistOptions {
  DistBackend backend = DistBackend::automatic;
  // How long a rank waits for the others, at the rendezvous and in each collective, before it
  // gives up with an error: a dead or hung peer then ends the job instead of hanging it.
  // torch.distributed's default is 30 minutes; a rank-0-only step (dev scoring, writing the model)
  // must fit inside it.
  std::chrono::milliseconds timeout{std::chrono::minutes(30)};
};

}  // namespace ner
