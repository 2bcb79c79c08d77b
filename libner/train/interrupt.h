// Ctrl-C during training: the first SIGINT asks the trainer to stop after the current batch, save
// a checkpoint and exit 130 (128 + SIGINT, as a shell reports it); a second one kills at once.
#pragma once

namespace ner {

class InterruptGuard {
 public:
  InterruptGuard();   // installs the handler
  ~InterruptGuard();  // restores the previous one
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  static bool requested();
  static void request();  // what the handler does; for tests
  static void clear();
};

}  // namespace ner
