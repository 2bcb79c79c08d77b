// Where LibTorch runs: the device named on the command line and the CPU threads. Torch-free
// declarations, so the tools can call them without LibTorch's headers.
#pragma once

#include <string>

namespace ner {

// "cpu", "cuda", "cuda:N", or "auto" (CUDA when LibTorch sees a GPU, else the CPU), as the device
// string torch::Device reads. Throws ner::Error when CUDA is asked for and absent, UsageError on
// another name.
std::string resolve_device(const std::string& name);

// Sets the CPU threads of LibTorch's intra-op pool; 0 means one per CPU.
void set_torch_threads(int threads);

}  // namespace ner
