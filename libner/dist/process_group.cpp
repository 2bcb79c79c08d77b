#include "libner/dist/process_group.h"

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <vector>

#include <torch/version.h>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/csrc/distributed/c10d/Types.hpp>
#include <torch/csrc/distributed/c10d/Work.hpp>

// LibTorch 2.0 split c10d's ProcessGroup into a dispatching ProcessGroup and per-library Backends;
// ProcessGroupGloo and ProcessGroupNCCL derive from Backend there and from ProcessGroup before.
// Their collective calls (allreduce, broadcast, Work::wait) kept their signatures.
#if TORCH_VERSION_MAJOR >= 2
#include <torch/csrc/distributed/c10d/Backend.hpp>
#else
#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#endif

// Gloo's and NCCL's classes need their libraries' headers (Debian: libgloo-dev; NCCL's nccl.h, e.g.
// from pip's nvidia-nccl package), which a LibTorch install may lack; without them ner builds and
// the backend is reported missing at run time.
#if defined(USE_C10D_GLOO) && __has_include(<gloo/rendezvous/store.h>)
#define NER_HAVE_GLOO 1
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#if defined(USE_C10D_NCCL) && __has_include(<nccl.h>)
#define NER_HAVE_NCCL 1
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include "libner/io/error.h"

namespace ner {

namespace {

#if TORCH_VERSION_MAJOR >= 2
using CollectiveBackend = c10d::Backend;
#else
using CollectiveBackend = c10d::ProcessGroup;
#endif

// The first line of a c10d message: Gloo's and NCCL's errors carry a source location and a
// backtrace after it.
std::string first_line(const std::string& message) {
  const auto nl = message.find('\n');
  return nl == std::string::npos ? message : message.substr(0, nl);
}

std::string message_of(const std::exception& e) {
  if (const auto* c10 = dynamic_cast<const c10::Error*>(&e)) return first_line(c10->what_without_backtrace());
  return first_line(e.what());
}

std::string seconds(std::chrono::milliseconds t) {
  std::ostringstream out;
  out << static_cast<double>(t.count()) / 1000.0;
  return out.str();
}

#ifdef NER_HAVE_GLOO
bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// Where Gloo listens: the interfaces in GLOO_SOCKET_IFNAME (as torch.distributed reads it), the
// loopback when rank 0 is on this machine's loopback (a single-machine job), else the address this
// machine's hostname resolves to (Gloo's default, falling back to the loopback).
std::vector<std::shared_ptr<::gloo::transport::Device>> gloo_devices(const std::string& master_addr) {
  std::vector<std::shared_ptr<::gloo::transport::Device>> devices;
  if (const char* names = std::getenv("GLOO_SOCKET_IFNAME"); names && *names) {
    std::stringstream list(names);
    for (std::string name; std::getline(list, name, ',');)
      if (!name.empty()) devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(name));
  } else if (is_loopback(master_addr)) {
    devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname(master_addr == "localhost" ? "127.0.0.1" : master_addr));
  } else {
    devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
  }
  return devices;
}
#endif

}  // namespace

struct ProcessGroupHandle::Impl {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<CollectiveBackend> backend;
  std::chrono::milliseconds timeout{0};
};

void PendingCollective::wait() {
  if (!wait_) return;
  auto wait = std::move(wait_);
  wait_ = nullptr;
  wait();
}

bool ProcessGroupHandle::has_backend(DistBackend backend) {
  switch (backend) {
    case DistBackend::gloo:
#ifdef NER_HAVE_GLOO
      return true;
#else
      return false;
#endif
    case DistBackend::nccl:
#ifdef NER_HAVE_NCCL
      return torch::cuda::is_available();
#else
      return false;
#endif
    case DistBackend::automatic: return has_backend(DistBackend::gloo) || has_backend(DistBackend::nccl);
  }
  return false;
}

ProcessGroupHandle::ProcessGroupHandle(const DistEnv& env, const DistOptions& options, const torch::Device& device)
    : impl_(std::make_unique<Impl>()), rank_(env.rank), size_(env.world_size), device_(device) {
  DistBackend backend = options.backend;
  if (backend == DistBackend::automatic) backend = device.is_cuda() ? DistBackend::nccl : DistBackend::gloo;
  if (backend == DistBackend::nccl && !device.is_cuda())
    throw UsageError("--dist-backend nccl needs the model on a GPU (--device cuda); use gloo on the CPU");
  backend_name_ = dist_backend_name(backend);
  if (!has_backend(backend))
    throw UsageError("--dist-backend " + backend_name_ + ": this build has no " + backend_name_ +
                     (backend == DistBackend::gloo ? " (LibTorch without c10d's Gloo, or ner built without gloo's headers: "
                                                     "install libgloo-dev and rebuild)"
                                                   : " (LibTorch without CUDA/NCCL, or ner built without nccl.h on the include path)"));
  impl_->timeout = options.timeout;
  const std::string where = env.master_addr + ":" + std::to_string(env.master_port);
  const std::string me = "rank " + std::to_string(rank_) + " of " + std::to_string(size_);
  const std::string hint = " within " + seconds(options.timeout) +
                           " s (--dist-timeout; are all ranks started, with the same MASTER_ADDR and MASTER_PORT, "
                           "and is the port free?): ";

  try {
    c10d::TCPStoreOptions store_options;
    store_options.port = static_cast<std::uint16_t>(env.master_port);
    store_options.isServer = env.rank == 0;
    store_options.numWorkers = env.world_size;
    // The backend's connection waits for every rank (with the timeout); the store need not too.
    store_options.waitWorkers = false;
    store_options.timeout = options.timeout;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    // LibTorch 2.4+ asks for the libuv store backend, which builds without libuv (Debian's)
    // refuse: there, the classic backend.
    try {
      impl_->store = c10::make_intrusive<c10d::TCPStore>(env.master_addr, store_options);
    } catch (const std::exception& e) {
      if (std::string(e.what()).find("libuv") == std::string::npos) throw;
      store_options.useLibUV = false;
      impl_->store = c10::make_intrusive<c10d::TCPStore>(env.master_addr, store_options);
    }
#else
    impl_->store = c10::make_intrusive<c10d::TCPStore>(env.master_addr, store_options);
#endif
  } catch (const std::exception& e) {
    throw Error(me + ": no rendezvous at " + where + hint + message_of(e));
  }

  try {
#ifdef NER_HAVE_GLOO
    if (backend == DistBackend::gloo) {
      auto gloo_options = c10d::ProcessGroupGloo::Options::create(options.timeout);
      gloo_options->devices = gloo_devices(env.master_addr);
      gloo_options->threads = 2;
      impl_->backend = c10::make_intrusive<c10d::ProcessGroupGloo>(impl_->store, rank_, size_, gloo_options);
    }
#endif
#ifdef NER_HAVE_NCCL
    if (backend == DistBackend::nccl) {
      auto nccl_options = c10d::ProcessGroupNCCL::Options::create();
      nccl_options->timeout = options.timeout;
      impl_->backend = c10::make_intrusive<c10d::ProcessGroupNCCL>(impl_->store, rank_, size_, nccl_options);
    }
#endif
  } catch (const std::exception& e) {
    throw Error(me + ": no " + backend_name_ + " process group through " + where + hint + message_of(e));
  }
  if (!impl_->backend) throw UsageError("--dist-backend " + backend_name_ + ": not available in this build");
}

ProcessGroupHandle::~ProcessGroupHandle() = default;

namespace {

PendingCollective pending(c10::intrusive_ptr<c10d::Work> work, std::string what, int rank,
                          std::chrono::milliseconds timeout) {
  return PendingCollective([work = std::move(work), what = std::move(what), rank, timeout] {
    try {
      work->wait();
    } catch (const std::exception& e) {
      throw Error("rank " + std::to_string(rank) + ": " + what + " failed: " + message_of(e) +
                  " (did a process of the job die, or not answer within " + seconds(timeout) + " s, --dist-timeout?)");
    }
  });
}

}  // namespace

PendingCollective ProcessGroupHandle::allreduce_sum_async(const torch::Tensor& tensor) {
  std::vector<at::Tensor> tensors{tensor};
  c10d::AllreduceOptions options;
  options.reduceOp = c10d::ReduceOp::SUM;
  options.timeout = impl_->timeout;
  try {
    return pending(impl_->backend->allreduce(tensors, options), "all-reduce", rank_, impl_->timeout);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error("rank " + std::to_string(rank_) + ": all-reduce failed: " + message_of(e));
  }
}

void ProcessGroupHandle::broadcast(const torch::Tensor& tensor, int root) {
  std::vector<at::Tensor> tensors{tensor};
  c10d::BroadcastOptions options;
  options.rootRank = root;
  options.rootTensor = 0;
  options.timeout = impl_->timeout;
  try {
    pending(impl_->backend->broadcast(tensors, options), "broadcast", rank_, impl_->timeout).wait();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error("rank " + std::to_string(rank_) + ": broadcast failed: " + message_of(e));
  }
}

void ProcessGroupHandle::barrier() {
  // An all-reduce of one number rather than the backends' barrier(): NCCL's guesses the GPU, and the
  // copy to the host below makes the CPU wait on NCCL's stream too.
  auto one = torch::ones({1}, torch::TensorOptions().dtype(torch::kFloat32).device(device_));
  allreduce_sum(one);
  (void)one.to(torch::kCPU);
}

}  // namespace ner
