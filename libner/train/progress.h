// A one-line progress bar on stderr, redrawn in place, drawn only when stderr is a terminal and
// NO_COLOR is unset (Log::fancy_stderr) and the tool is not quiet: logs and pipes get none.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace ner {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  ~ProgressBar() { finish(); }

  // Starts a new bar of `total` steps with a label ("epoch 3/30").
  void start(const std::string& label, std::size_t total);
  // Moves to `done` steps; `note` is appended (the running loss, tokens/s). Redraws at most ten
  // times a second.
  void update(std::size_t done, const std::string& note);
  // Erases the bar, so that the next line printed starts clean.
  void finish();

  bool enabled() const { return enabled_; }

 private:
  bool enabled_;
  bool drawn_ = false;
  std::string label_;
  std::size_t total_ = 0;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace ner
