// Starts ranks of a job on localhost for the tests of libner/dist: the test binary runs itself
// (RANK=0..N-1, WORLD_SIZE=N, MASTER_ADDR=127.0.0.1, a free MASTER_PORT, NER_DIST_CHILD=1) to run one
// hidden test case as each rank, and reports how each ended. Spawned, not forked: each rank is a
// fresh process, as under torchrun, with no copy of the parent's LibTorch threads.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

// Include after <torch/torch.h> and Catch (see tests/model/torch_catch.h).
#include <catch2/catch.hpp>

extern char** environ;

namespace ner_test {

using Clock = std::chrono::steady_clock;

// A port nobody listens on now (the kernel's choice for port 0).
inline int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

struct RankResult {
  int status = -1;  // exit status, or 128 + signal
};

// Runs the hidden test case `child_test` as ranks 0..world-1 of a job on localhost; kills them all
// and fails when they do not end within `limit`.
inline std::vector<RankResult> run_ranks(const std::string& child_test, int world, std::chrono::seconds limit,
                                  const std::vector<std::string>& extra_env = {}) {
  const std::string port = std::to_string(free_port());
  std::vector<pid_t> pids;
  for (int rank = 0; rank < world; ++rank) {
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) {
      const std::string var = *e;
      bool ours = false;  // set below, whatever the parent's environment says
      for (const char* name : {"RANK=", "WORLD_SIZE=", "LOCAL_RANK=", "MASTER_ADDR=", "MASTER_PORT=", "SLURM_"})
        ours = ours || var.rfind(name, 0) == 0;
      if (!ours) env_strings.push_back(var);
    }
    env_strings.push_back("RANK=" + std::to_string(rank));
    env_strings.push_back("LOCAL_RANK=" + std::to_string(rank));
    env_strings.push_back("WORLD_SIZE=" + std::to_string(world));
    env_strings.push_back("MASTER_ADDR=127.0.0.1");
    env_strings.push_back("MASTER_PORT=" + port);
    env_strings.push_back("NER_DIST_CHILD=1");
    for (const auto& e : extra_env) env_strings.push_back(e);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string exe = "/proc/self/exe", name = child_test;
    char* argv[] = {exe.data(), name.data(), nullptr};
    pid_t pid = 0;
    REQUIRE(::posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv, envp.data()) == 0);
    pids.push_back(pid);
  }
  std::vector<RankResult> results(pids.size());
  std::vector<bool> done(pids.size(), false);
  const auto deadline = Clock::now() + limit;
  std::size_t left = pids.size();
  while (left > 0) {
    for (std::size_t i = 0; i < pids.size(); ++i) {
      if (done[i]) continue;
      int status = 0;
      if (::waitpid(pids[i], &status, WNOHANG) == pids[i]) {
        results[i].status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        done[i] = true;
        --left;
      }
    }
    if (left > 0 && Clock::now() > deadline) {
      for (std::size_t i = 0; i < pids.size(); ++i)
        if (!done[i]) {
          ::kill(pids[i], SIGKILL);
          ::waitpid(pids[i], nullptr, 0);
        }
      FAIL("the ranks of '" << child_test << "' did not end within " << limit.count() << " s (a hang)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return results;
}

inline bool is_child() { return std::getenv("NER_DIST_CHILD") != nullptr; }

}  // namespace ner_test
