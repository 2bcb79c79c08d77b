#include "libner/train/interrupt.h"

#include <csignal>

namespace ner {

namespace {

volatile std::sig_atomic_t g_requested = 0;
void (*g_previous)(int) = SIG_DFL;

extern "C" void on_sigint(int) {
  if (g_requested) {
    // The user insists: die the way an unhandled SIGINT does.
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
    return;
  }
  g_requested = 1;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_requested = 0;
  g_previous = std::signal(SIGINT, on_sigint);
}

InterruptGuard::~InterruptGuard() { std::signal(SIGINT, g_previous == SIG_ERR ? SIG_DFL : g_previous); }

bool InterruptGuard::requested() { return g_requested != 0; }
void InterruptGuard::request() { g_requested = 1; }
void InterruptGuard::clear() { g_requested = 0; }

}  // namespace ner
