// Where LibTorch runs: the device named on the command line and the CPU threads. Torch-free
// declarations, so the tools can call them without LibTorch's headers.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace ner {

// "cpu", "cuda", "cuda:N", or "auto" (CUDA when LibTorch sees a GPU, else the CPU), as the device
// string torch::Device reads. Throws ner::Error when CUDA is asked for and absent, UsageError on
// another name.
std::string resolve_device(const std::string& name);

// Whether bf16 autocast pays on `device` (a torch::Device string): always on CUDA; on the CPU
// only with bf16 instructions (AMX or AVX512-BF16, where oneDNN's bf16 matrix products run several
// times faster than float32), since elsewhere bf16 is emulated and slower than float32.
bool bf16_is_native(const std::string& device);

// Sets the CPU threads of LibTorch's intra-op pool; 0 means one per CPU.
void set_torch_threads(int threads);

// For work made of many small independent pieces (tagging's batches): one intra-op thread per
// operation, and LibTorch's inter-op pool sized so that `threads` pieces run at once (0: one per
// CPU). A tagger's operations are too small to split well: with two threads each operation wakes
// the other thread, which costs more than it saves on a busy host. Returns how many pieces can run
// at once (the pool can be sized only once in a process; later calls keep its size).
int set_torch_piece_threads(int threads);

// Makes glibc's malloc keep freed memory for reuse instead of handing it back to the kernel: by
// default blocks above 128 KiB are mmap'ed and unmapped one by one and the heap's top is trimmed,
// so every batch faults its activations' pages in again (250k page faults, ~10% of an IDCNN
// training's time on a virtual machine). For the tools, whose peak memory stays theirs anyway; a
// no-op on other C libraries.
void keep_freed_memory();

// Makes oneDNN keep the kernels it compiles for LibTorch's convolutions: it compiles them for each
// shape (batch rows x sentence length) and keeps 1,024 by default, fewer than imConvNet's depthwise
// convolutions meet in an epoch (three primitives for each of its four widths and each length), so
// that every epoch compiled ~1,000 of them again. ONEDNN_PRIMITIVE_CACHE_CAPACITY, when set,
// stands. A no-op where oneDNN was not found at build time.
void keep_compiled_kernels();

// Calls body(i) for every i in [0, count), on the calling thread and up to `tasks` - 1 tasks of
// the inter-op pool, each carrying the caller's grad mode, inference mode and autocast state.
// Rethrows the first exception once every task has stopped. tasks <= 1 runs in order, inline.
void for_each_in_parallel(std::size_t count, int tasks, const std::function<void(std::size_t)>& body);

}  // namespace ner
