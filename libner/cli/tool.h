// The edge of every tool: option parsing with CLI11, the common options (--help, --version,
// -q/--quiet, -v/--verbose), and the mapping of errors to exit statuses: 0 success, 1 a runtime
// error (`tool: file:line: message` on stderr), 2 a usage error.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "libner/io/log.h"

namespace ner::cli {

class Tool {
 public:
  Tool(const std::string& name, const std::string& description);

  CLI::App& app() { return app_; }
  Log& log() { return log_; }

  // Parses argv, then runs `body`; returns the process exit status. `body` may return a status
  // of its own (130 after SIGINT, say) or 0.
  int run(int argc, char** argv, const std::function<int()>& body);

 private:
  CLI::App app_;
  Log log_;
  bool quiet_ = false;
  bool verbose_ = false;
};

}  // namespace ner::cli
