#include "libner/train/runtime.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef NER_WITH_DNNL
#include <dnnl.h>
#endif

#include <ATen/Parallel.h>

#include <torch/torch.h>

#include "libner/io/error.h"

namespace ner {

std::string resolve_device(const std::string& name) {
  if (name == "auto") return torch::cuda::is_available() ? "cuda" : "cpu";
  if (name == "cpu") return "cpu";
  if (name == "cuda" || name.rfind("cuda:", 0) == 0) {
    try {
      (void)torch::Device(name);
    } catch (const c10::Error&) {
      throw UsageError("--device: cannot read '" + name + "'");
    }
    if (!torch::cuda::is_available()) throw Error("--device " + name + ": this LibTorch sees no CUDA device");
    return name;
  }
  throw UsageError("--device must be cpu, cuda, cuda:N or auto, not '" + name + "'");
}

bool bf16_is_native(const std::string& device) {
  if (torch::Device(device).is_cuda()) return true;
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  return __builtin_cpu_supports("amx-bf16") || __builtin_cpu_supports("avx512bf16");
#else
  return false;
#endif
}

namespace {

int threads_or_cpus(int threads) {
  return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

void keep_freed_memory() {
#ifdef __GLIBC__
  // Setting either limit ends glibc's own adjustment of both, so both are set: blocks up to 32 MiB
  // (the largest threshold glibc takes) come from the heap, and the heap is trimmed only past 1 GiB free.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);
#endif
}

void keep_compiled_kernels() {
#ifdef NER_WITH_DNNL
  if (!std::getenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY") && !std::getenv("DNNL_PRIMITIVE_CACHE_CAPACITY"))
    dnnl_set_primitive_cache_capacity(8192);
#endif
}

void set_torch_threads(int threads) { torch::set_num_threads(threads_or_cpus(threads)); }

int set_torch_piece_threads(int threads) {
  threads = threads_or_cpus(threads);
  torch::set_num_threads(1);
  if (threads == 1) return 1;
  try {
    at::set_num_interop_threads(threads - 1);  // the caller is the other one
  } catch (const c10::Error&) {
    // Sized already (an earlier call, or inter-op work has run): use the pool as it is.
  }
  return std::min(threads, static_cast<int>(at::get_num_interop_threads()) + 1);  // size_t in LibTorch 2.x
}

void for_each_in_parallel(std::size_t count, int tasks, const std::function<void(std::size_t)>& body) {
  const auto helpers = std::min<std::size_t>(count, static_cast<std::size_t>(std::max(tasks, 1))) - (count > 0);
  if (helpers == 0) {
    for (std::size_t i = 0; i < count; ++i) body(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::condition_variable finished;
  std::size_t running = helpers;
  std::exception_ptr error;
  const auto work = [&] {
    try {
      for (std::size_t i; !failed && (i = next++) < count;) body(i);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
  };
  for (std::size_t t = 0; t < helpers; ++t)
    at::launch([&] {
      work();
      const std::lock_guard<std::mutex> lock(mutex);
      if (--running == 0) finished.notify_all();
    });
  work();
  std::unique_lock<std::mutex> lock(mutex);
  finished.wait(lock, [&] { return running == 0; });
  if (error) std::rethrow_exception(error);
}

}  // namespace ner
