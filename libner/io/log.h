// Diagnostics on stderr, prefixed with the tool's name, honouring -q/--quiet and -v/--verbose.
// Library code reports what it counted (repairs, dropped mentions) through a Log, so a caller
// that is not a tool can collect or silence it.
#pragma once

#include <string>

namespace ner {

class Log {
 public:
  explicit Log(std::string tool = "ner") : tool_(std::move(tool)) {}

  void set_quiet(bool on) { quiet_ = on; }
  void set_verbose(bool on) { verbose_ = on; }
  bool quiet() const { return quiet_; }
  bool verbose() const { return verbose_; }
  const std::string& tool() const { return tool_; }

  void info(const std::string& message) const;     // counts and summaries; not with --quiet
  void warn(const std::string& message) const;     // something the user must know; not with --quiet
  void detail(const std::string& message) const;   // only with --verbose
  void error(const std::string& message) const;    // always

  // Whether stderr is a terminal that may get colour and progress bars (never with NO_COLOR).
  static bool fancy_stderr();

 private:
  std::string tool_;
  bool quiet_ = false;
  bool verbose_ = false;
};

}  // namespace ner
