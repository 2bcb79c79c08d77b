#include "libner/train/runtime.h"

#include <algorithm>
#include <thread>

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

void set_torch_threads(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  torch::set_num_threads(threads);
}

}  // namespace ner
