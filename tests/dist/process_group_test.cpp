// Two Gloo processes on localhost: the test binary starts itself twice (RANK=0 and 1) to run a
// hidden test case as each rank, and checks what they report. The ranks check the collectives
// (all-reduce, broadcast, barrier), the parameter broadcast, and that gradients reduced in buckets
// from unequal slices of a batch equal the gradient of the whole batch in one process, with and
// without the backward hooks. A rank that dies makes the other fail within the timeout.
#include <torch/torch.h>
#undef CHECK  // glog's CHECK from Debian's LibTorch would shadow Catch's (see tests/model/torch_catch.h)
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "libner/dist/batch_shard.h"
#include "libner/dist/dist_env.h"
#include "libner/dist/gradient_reducer.h"
#include "libner/dist/process_group.h"
#include "libner/io/error.h"
#include "tests/dist/rank_launcher.h"

namespace {

using ner_test::Clock;
using ner_test::free_port;
using ner_test::is_child;
using ner_test::run_ranks;

ner::DistOptions gloo(std::chrono::milliseconds timeout) {
  ner::DistOptions o;
  o.backend = ner::DistBackend::gloo;
  o.timeout = timeout;
  return o;
}

// A small network with several parameters (so several buckets), and the mean over rows of a
// squared error, the shape of ner's per-sentence mean loss.
torch::nn::Sequential small_net() {
  torch::manual_seed(7);
  return torch::nn::Sequential(torch::nn::Linear(4, 6), torch::nn::Tanh(), torch::nn::Linear(6, 3));
}

torch::Tensor mean_loss(torch::nn::Sequential& net, const torch::Tensor& x, const torch::Tensor& y) {
  return (net->forward(x) - y).pow(2).sum(1).mean();
}

std::vector<torch::Tensor> gradients_of(torch::nn::Sequential& net) {
  std::vector<torch::Tensor> out;
  for (const auto& p : net->parameters()) out.push_back(p.grad().clone());
  return out;
}

// One data-parallel step over rows [0, n) of a fixed batch; returns this rank's reduced gradients
// and the single-process gradients of the whole batch.
void check_reduced_step(ner::ProcessGroupHandle& group, std::size_t n, std::size_t bucket_bytes, bool overlap) {
  torch::manual_seed(11);
  const auto x = torch::randn({static_cast<int64_t>(n), 4});
  const auto y = torch::randn({static_cast<int64_t>(n), 3});

  auto single = small_net();
  mean_loss(single, x, y).backward();
  const auto expected = gradients_of(single);

  auto net = small_net();
  ner::GradientReducer reducer(group, net->parameters(), bucket_bytes, overlap);
  ner::Batch global(n);
  for (std::size_t i = 0; i < n; ++i) global[i] = i;
  const auto local = ner::shard_batch(global, group.rank(), group.size());
  for (int repeat = 0; repeat < 2; ++repeat) {  // the reducer is reused from step to step
    for (auto& p : net->parameters()) p.mutable_grad() = torch::Tensor();
    reducer.prepare(ner::loss_share(local.size(), global.size()));
    if (!local.empty()) {
      std::vector<int64_t> rows(local.begin(), local.end());
      const auto index = torch::tensor(rows, torch::kInt64);
      mean_loss(net, x.index_select(0, index), y.index_select(0, index)).backward();
    }
    reducer.finish();
    const auto got = gradients_of(net);
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      INFO("n " << n << ", bucket bytes " << bucket_bytes << ", overlap " << overlap << ", parameter " << i);
      CHECK(torch::allclose(got[i], expected[i], 1e-5, 1e-6));
    }
  }
}

}  // namespace

TEST_CASE("dist child: collectives", "[.][dist-child]") {
  REQUIRE(is_child());
  torch::set_num_threads(1);
  const auto env = ner::dist_env_from_environment();
  ner::ProcessGroupHandle group(env, gloo(std::chrono::seconds(30)), torch::Device(torch::kCPU));
  CHECK(group.rank() == env.rank);
  CHECK(group.size() == 2);
  CHECK(group.backend_name() == "gloo");

  // All-reduce: rank r contributes (r + 1) × [0, 1, ..., 9].
  auto t = torch::arange(10, torch::kFloat32) * static_cast<float>(group.rank() + 1);
  group.allreduce_sum(t);
  CHECK(torch::equal(t, torch::arange(10, torch::kFloat32) * 3));

  // Broadcast: rank 0's values everywhere.
  auto b = group.rank() == 0 ? torch::arange(7, torch::kFloat64) : torch::zeros({7}, torch::kFloat64);
  group.broadcast(b, 0);
  CHECK(torch::equal(b, torch::arange(7, torch::kFloat64)));
  group.barrier();

  // Parameters initialised differently on each rank end equal to rank 0's.
  torch::manual_seed(100 + group.rank());
  torch::nn::Linear layer(5, 3);
  auto own = layer->weight.detach().clone();
  ner::broadcast_parameters(group, *layer);
  auto sum = layer->weight.detach().clone();
  group.allreduce_sum(sum);
  CHECK(torch::allclose(sum, 2 * layer->weight.detach()));
  if (group.rank() == 0) CHECK(torch::equal(layer->weight.detach(), own));
  else CHECK_FALSE(torch::equal(layer->weight.detach(), own));

  // Gradients: unequal slices (7 rows: 4 and 3), one row (rank 1's slice empty), one bucket or one
  // per parameter, after backward or from the hooks.
  for (std::size_t n : {8u, 7u, 1u})
    for (std::size_t bucket_bytes : {std::size_t{1}, ner::GradientReducer::kDefaultBucketBytes})
      for (bool overlap : {false, true}) check_reduced_step(group, n, bucket_bytes, overlap);

  // The simple form.
  auto net = small_net();
  torch::manual_seed(3);
  const auto x = torch::randn({6, 4}), y = torch::randn({6, 3});
  mean_loss(net, x, y).backward();
  const auto local = gradients_of(net);
  ner::allreduce_gradients(group, *net, 0.5);
  const auto averaged = gradients_of(net);
  for (std::size_t i = 0; i < local.size(); ++i) CHECK(torch::allclose(averaged[i], local[i], 1e-5, 1e-6));

  // Different models on different ranks are refused, not paired up.
  torch::nn::Linear odd(group.rank() == 0 ? 5 : 6, 3);
  CHECK_THROWS_WITH(ner::broadcast_parameters(group, *odd), Catch::Contains("different models"));
}

TEST_CASE("dist child: a rank dies", "[.][dist-child]") {
  REQUIRE(is_child());
  torch::set_num_threads(1);
  const auto env = ner::dist_env_from_environment();
  const auto timeout = std::chrono::seconds(std::atoi(std::getenv("NER_DIST_TIMEOUT")));
  ner::ProcessGroupHandle group(env, gloo(timeout), torch::Device(torch::kCPU));
  auto t = torch::ones({1000});
  group.allreduce_sum(t);
  if (group.rank() == 1) ::raise(SIGKILL);  // as `kill -9` or the OOM killer would
  const auto start = Clock::now();
  try {
    for (int i = 0; i < 1000; ++i) group.allreduce_sum(t);
    FAIL("rank 0 went on although rank 1 is dead");
  } catch (const ner::Error& e) {
    const std::string message = e.what();
    INFO(message);
    CHECK_THAT(message, Catch::Contains("rank 0: all-reduce failed"));
    std::fprintf(stderr, "rank 0 reported: %s\n", message.c_str());
  }
  CHECK(Clock::now() - start < timeout + std::chrono::seconds(5));
}

TEST_CASE("two Gloo processes: collectives, parameter broadcast, bucketed gradients", "[dist]") {
  if (!ner::ProcessGroupHandle::has_backend(ner::DistBackend::gloo)) {
    WARN("skipped: this build has no Gloo (install libgloo-dev)");
    return;
  }
  const auto results = run_ranks("dist child: collectives", 2, std::chrono::seconds(120));
  CHECK(results[0].status == 0);
  CHECK(results[1].status == 0);
}

TEST_CASE("a killed rank makes the other fail within the timeout instead of hanging", "[dist]") {
  if (!ner::ProcessGroupHandle::has_backend(ner::DistBackend::gloo)) {
    WARN("skipped: this build has no Gloo (install libgloo-dev)");
    return;
  }
  const auto start = Clock::now();
  const auto results = run_ranks("dist child: a rank dies", 2, std::chrono::seconds(60), {"NER_DIST_TIMEOUT=10"});
  CHECK(results[0].status == 0);  // its test case saw the error it expected
  CHECK(results[1].status == 128 + SIGKILL);
  CHECK(Clock::now() - start < std::chrono::seconds(40));
}

TEST_CASE("a rank alone at the rendezvous gives up after the timeout", "[dist]") {
  if (!ner::ProcessGroupHandle::has_backend(ner::DistBackend::gloo)) return;
  ner::DistEnv env;
  env.world_size = 2;
  env.master_port = free_port();
  const auto start = Clock::now();
  CHECK_THROWS_WITH(ner::ProcessGroupHandle(env, gloo(std::chrono::seconds(2)), torch::Device(torch::kCPU)),
                    Catch::Contains("rank 0 of 2: no ") && Catch::Contains(" 127.0.0.1:") &&
                        Catch::Contains("within 2 s"));
  CHECK(Clock::now() - start < std::chrono::seconds(30));
}

// On a GPU machine (CI has none): NCCL's code path, a job of one process. One GPU cannot hold two
// NCCL ranks, so this checks that the process group forms and that the collectives and the
// overlapped reducer (whose hooks run on the autograd engine's CUDA thread) give the right values.
TEST_CASE("NCCL on one GPU: collectives and the overlapped reducer", "[dist][cuda]") {
  if (!ner::ProcessGroupHandle::has_backend(ner::DistBackend::nccl)) {
    WARN("skipped: no CUDA, or this build has no NCCL");
    return;
  }
  ner::DistEnv env;
  env.master_port = free_port();
  ner::DistOptions options;  // automatic: NCCL for a CUDA device
  options.timeout = std::chrono::seconds(60);
  const torch::Device cuda("cuda:0");
  ner::ProcessGroupHandle group(env, options, cuda);
  CHECK(group.backend_name() == "nccl");
  auto t = torch::arange(10, torch::TensorOptions().dtype(torch::kFloat32).device(cuda));
  group.allreduce_sum(t);
  CHECK(torch::equal(t.cpu(), torch::arange(10, torch::kFloat32)));
  group.broadcast(t, 0);
  group.barrier();

  auto net = small_net();
  net->to(cuda);
  ner::broadcast_parameters(group, *net);
  torch::manual_seed(3);
  const auto x = torch::randn({6, 4}).to(cuda), y = torch::randn({6, 3}).to(cuda);
  mean_loss(net, x, y).backward();
  const auto expected = gradients_of(net);
  for (bool overlap : {true, false}) {
    ner::GradientReducer reducer(group, net->parameters(), 64, overlap);
    for (auto& p : net->parameters()) p.mutable_grad() = torch::Tensor();
    reducer.prepare(1.0);
    mean_loss(net, x, y).backward();
    reducer.finish();
    const auto got = gradients_of(net);
    for (std::size_t i = 0; i < got.size(); ++i) CHECK(torch::allclose(got[i].cpu(), expected[i].cpu(), 1e-5, 1e-6));
  }
}
