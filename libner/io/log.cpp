#include "libner/io/log.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace ner {

namespace {

void emit(const std::string& tool, const std::string& message) {
  std::fprintf(stderr, "%s: %s\n", tool.c_str(), message.c_str());
}

}  // namespace

void Log::info(const std::string& message) const {
  if (!quiet_) emit(tool_, message);
}

void Log::warn(const std::string& message) const {
  if (!quiet_) emit(tool_, "warning: " + message);
}

void Log::detail(const std::string& message) const {
  if (verbose_ && !quiet_) emit(tool_, message);
}

void Log::error(const std::string& message) const { emit(tool_, message); }

bool Log::fancy_stderr() {
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDERR_FILENO) && !(no_color && *no_color);
}

}  // namespace ner
