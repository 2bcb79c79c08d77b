// The job's layout from torchrun's and Slurm's variables, and each rank's slice of a global batch.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "libner/dist/batch_shard.h"
#include "libner/dist/dist_env.h"
#include "libner/io/error.h"

namespace {

ner::EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace

TEST_CASE("no variables: one process", "[dist]") {
  const auto env = ner::dist_env_from(env_of({}));
  CHECK(env.rank == 0);
  CHECK(env.world_size == 1);
  CHECK_FALSE(env.distributed());
  CHECK(env.is_main());
}

TEST_CASE("torchrun's variables", "[dist]") {
  const auto env = ner::dist_env_from(env_of({{"RANK", "3"}, {"WORLD_SIZE", "8"}, {"LOCAL_RANK", "1"},
                                              {"MASTER_ADDR", "node7"}, {"MASTER_PORT", "29600"}}));
  CHECK(env.rank == 3);
  CHECK(env.world_size == 8);
  CHECK(env.local_rank == 1);
  CHECK(env.master_addr == "node7");
  CHECK(env.master_port == 29600);
  CHECK(env.distributed());
  CHECK_FALSE(env.is_main());
  CHECK(env.describe() == "rank 3 of 8 (local 1), rendezvous node7:29600");
}

TEST_CASE("Slurm's variables when torchrun's are absent, and torchrun's first", "[dist]") {
  auto slurm = ner::dist_env_from(env_of({{"SLURM_PROCID", "5"}, {"SLURM_NTASKS", "6"}, {"SLURM_LOCALID", "2"},
                                          {"SLURM_NNODES", "2"}, {"MASTER_ADDR", "n1"}}));
  CHECK(slurm.rank == 5);
  CHECK(slurm.world_size == 6);
  CHECK(slurm.local_rank == 2);
  auto both = ner::dist_env_from(env_of({{"SLURM_PROCID", "5"}, {"SLURM_NTASKS", "6"}, {"RANK", "1"},
                                         {"WORLD_SIZE", "2"}, {"LOCAL_RANK", "1"}}));
  CHECK(both.rank == 1);
  CHECK(both.world_size == 2);
  CHECK(both.master_addr == "127.0.0.1");
  CHECK(both.master_port == 29500);
}

TEST_CASE("bad values name the variable", "[dist]") {
  CHECK_THROWS_WITH(ner::dist_env_from(env_of({{"RANK", "x"}, {"WORLD_SIZE", "2"}})), Catch::Contains("RANK='x'"));
  CHECK_THROWS_WITH(ner::dist_env_from(env_of({{"RANK", "2"}, {"WORLD_SIZE", "2"}})),
                    Catch::Contains("RANK=2 is not below WORLD_SIZE=2"));
  CHECK_THROWS_WITH(ner::dist_env_from(env_of({{"RANK", "0"}, {"WORLD_SIZE", "0"}})), Catch::Contains("at least 1"));
  CHECK_THROWS_WITH(ner::dist_env_from(env_of({{"RANK", "-1"}, {"WORLD_SIZE", "2"}})), Catch::Contains("RANK"));
  CHECK_THROWS_WITH(ner::dist_env_from(env_of({{"MASTER_PORT", "70000"}})), Catch::Contains("MASTER_PORT"));
  // Several Slurm nodes and no MASTER_ADDR: every node would wait for itself.
  CHECK_THROWS_WITH(ner::dist_env_from(env_of({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "4"}, {"SLURM_NNODES", "2"}})),
                    Catch::Contains("MASTER_ADDR"));
}

TEST_CASE("backend names", "[dist]") {
  for (const auto& name : ner::dist_backend_names())
    CHECK(ner::dist_backend_name(ner::parse_dist_backend(name)) == name);
  CHECK_THROWS_AS(ner::parse_dist_backend("mpi"), ner::UsageError);
}

TEST_CASE("the ranks' slices cover a global batch exactly once, balanced", "[dist]") {
  for (int world : {1, 2, 3, 4, 7}) {
    for (std::size_t n : {0u, 1u, 2u, 5u, 32u, 33u}) {
      ner::Batch global(n);
      for (std::size_t i = 0; i < n; ++i) global[i] = 100 + 3 * i;
      std::vector<std::size_t> all;
      std::size_t smallest = n, largest = 0;
      for (int r = 0; r < world; ++r) {
        const auto local = ner::shard_batch(global, r, world);
        smallest = std::min(smallest, local.size());
        largest = std::max(largest, local.size());
        // Strided: the slice keeps the batch's (length-sorted) order.
        for (std::size_t k = 0; k < local.size(); ++k)
          CHECK(local[k] == global[static_cast<std::size_t>(r) + k * static_cast<std::size_t>(world)]);
        all.insert(all.end(), local.begin(), local.end());
      }
      std::sort(all.begin(), all.end());
      CHECK(all == global);
      CHECK(largest - std::min(smallest, largest) <= 1);
    }
  }
  CHECK_THROWS(ner::shard_batch({1, 2}, 2, 2));
  CHECK(ner::loss_share(3, 8) == Approx(0.375));
  CHECK(ner::loss_share(0, 0) == 0);
}
