// --profile FILE of ner-train and ner-tag: LibTorch's profiler over the run, written as a table of
// where the time went, so that a slow run on a GPU can be explained without Nsight or Python.
#pragma once

#include <chrono>
#include <string>

namespace ner {

// The tools' --help text for --profile.
inline constexpr const char* kProfileHelp =
    "Write where the time went to FILE (TSV; LibTorch's profiler: CPU operators, and CUDA kernels where "
    "LibTorch has Kineto)";

// Starts the profiler when `path` is not empty (else does nothing). Rows, most time first: each
// operator on the CPU (its time includes the operators it calls, so CPU rows overlap) and, on a
// CUDA device with a profiler built with Kineto (PyTorch's LibTorch; not Debian's 1.13), each GPU
// kernel. Shares are of the profiled run's wall time: the kernels' shares add up to how busy the
// GPU was. Only the operators of the thread that made the RunProfile are recorded (a CPU run's
// parallel batch parts are not); CUDA kernels all are.
class RunProfile {
 public:
  explicit RunProfile(std::string path);
  ~RunProfile();  // stops the profiler, writes nothing
  RunProfile(const RunProfile&) = delete;
  RunProfile& operator=(const RunProfile&) = delete;

  // Stops the profiler and writes the table (TSV: device, name, calls, total_ms, mean_us,
  // share_of_run), all or nothing, as every output file of the tools.
  void write();

 private:
  std::string path_;
  bool running_ = false;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace ner
