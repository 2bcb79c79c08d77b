#include "libner/dist/dist_env.h"

#include <cerrno>
#include <cstdlib>
#include <limits>

#include "libner/io/error.h"

namespace ner {

namespace {

// A non-negative int from a variable, or nullopt when unset or empty.
std::optional<int> read_int(const EnvLookup& lookup, const std::string& name) {
  const auto value = lookup(name);
  if (!value || value->empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const long n = std::strtol(value->c_str(), &end, 10);
  if (*end != '\0' || errno == ERANGE || n < 0 || n > std::numeric_limits<int>::max())
    throw Error("environment variable " + name + "='" + *value + "' is not a non-negative integer");
  return static_cast<int>(n);
}

}  // namespace

std::string DistEnv::describe() const {
  return "rank " + std::to_string(rank) + " of " + std::to_string(world_size) + " (local " +
         std::to_string(local_rank) + "), rendezvous " + master_addr + ":" + std::to_string(master_port);
}

DistEnv dist_env_from(const EnvLookup& lookup) {
  DistEnv env;
  // torchrun's variables win over Slurm's: `srun torchrun ...` sets both, and torchrun's are the
  // ones that describe this process.
  const bool torchrun = lookup("RANK").has_value() || lookup("WORLD_SIZE").has_value();
  const std::string rank_var = torchrun ? "RANK" : "SLURM_PROCID";
  const std::string size_var = torchrun ? "WORLD_SIZE" : "SLURM_NTASKS";
  const std::string local_var = torchrun ? "LOCAL_RANK" : "SLURM_LOCALID";
  env.world_size = read_int(lookup, size_var).value_or(1);
  env.rank = read_int(lookup, rank_var).value_or(0);
  env.local_rank = read_int(lookup, local_var).value_or(torchrun ? env.rank : 0);
  if (env.world_size < 1) throw Error("environment variable " + size_var + " must be at least 1");
  if (env.rank >= env.world_size)
    throw Error("environment variable " + rank_var + "=" + std::to_string(env.rank) + " is not below " + size_var +
                "=" + std::to_string(env.world_size));
  if (const auto addr = lookup("MASTER_ADDR"); addr && !addr->empty()) {
    env.master_addr = *addr;
  } else if (env.world_size > 1 && read_int(lookup, "SLURM_NNODES").value_or(1) > 1) {
    throw Error("a job over several nodes needs MASTER_ADDR (the host of rank 0), e.g. "
                "MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n1)");
  }
  if (const auto port = read_int(lookup, "MASTER_PORT")) {
    if (*port < 1 || *port > 65535) throw Error("environment variable MASTER_PORT must be in 1..65535");
    env.master_port = *port;
  }
  return env;
}

DistEnv dist_env_from_environment() {
  return dist_env_from([](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  });
}

DistBackend parse_dist_backend(std::string_view name) {
  if (name == "auto") return DistBackend::automatic;
  if (name == "gloo") return DistBackend::gloo;
  if (name == "nccl") return DistBackend::nccl;
  throw UsageError("--dist-backend must be auto, gloo or nccl, not '" + std::string(name) + "'");
}

std::string dist_backend_name(DistBackend backend) {
  switch (backend) {
    case DistBackend::gloo: return "gloo";
    case DistBackend::nccl: return "nccl";
    case DistBackend::automatic: break;
  }
  return "auto";
}

std::vector<std::string> dist_backend_names() { return {"auto", "gloo", "nccl"}; }

}  // namespace ner
