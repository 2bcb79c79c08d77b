#include "libner/train/run_profile.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include <torch/csrc/autograd/profiler_kineto.h>
#include <torch/version.h>

#include "libner/io/output.h"

namespace ner {

namespace {

namespace impl = torch::profiler::impl;

double microseconds(const torch::autograd::profiler::KinetoEvent& e) {
#if TORCH_VERSION_MAJOR >= 2
  return static_cast<double>(e.durationNs()) / 1000.0;
#else
  return static_cast<double>(e.durationUs());
#endif
}

struct Row {
  std::size_t calls = 0;
  double micros = 0;
};

}  // namespace

RunProfile::RunProfile(std::string path) : path_(std::move(path)) {
  if (path_.empty()) return;
  // Asking for CUDA activity is harmless without a GPU; without Kineto only CPU operators come.
  const std::set<impl::ActivityType> activities{impl::ActivityType::CPU, impl::ActivityType::CUDA};
  const impl::ProfilerConfig config(impl::ProfilerState::KINETO);
  torch::autograd::profiler::prepareProfiler(config, activities);
  torch::autograd::profiler::enableProfiler(config, activities);
  running_ = true;
  started_ = std::chrono::steady_clock::now();
}

RunProfile::~RunProfile() {
  if (!running_) return;
  try {
    torch::autograd::profiler::disableProfiler();
  } catch (...) {  // a destructor must not throw; the run's own error is what matters then
  }
}

void RunProfile::write() {
  if (!running_) return;
  running_ = false;
  const auto result = torch::autograd::profiler::disableProfiler();
  const double run_micros =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started_).count();
  std::map<std::pair<std::string, std::string>, Row> rows;  // (device, name)
  for (const auto& e : result->events()) {
    const std::string device = e.deviceType() == c10::DeviceType::CPU ? "cpu" : c10::DeviceTypeName(e.deviceType(), true);
    auto& row = rows[{device, e.name()}];
    ++row.calls;
    row.micros += microseconds(e);
  }
  std::vector<std::pair<std::pair<std::string, std::string>, Row>> sorted(rows.begin(), rows.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second.micros > b.second.micros; });
  OutputFile out(path_);
  out << "device\tname\tcalls\ttotal_ms\tmean_us\tshare_of_run\n";
  char numbers[96];
  for (const auto& [key, row] : sorted) {
    std::snprintf(numbers, sizeof numbers, "\t%zu\t%.3f\t%.1f\t%.2f%%\n", row.calls, row.micros / 1000.0,
                  row.micros / static_cast<double>(row.calls), run_micros > 0 ? 100.0 * row.micros / run_micros : 0.0);
    // Kernel signatures hold no tabs or newlines in practice; the TSV stays sound if one does.
    std::string name = key.second;
    std::replace_if(name.begin(), name.end(), [](char c) { return c == '\t' || c == '\n'; }, ' ');
    out << key.first << '\t' << name << numbers;
  }
  out.commit();
}

}  // namespace ner
