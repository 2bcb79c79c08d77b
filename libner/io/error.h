// Errors that know where they happened. Every part of libner throws ner::Error with the file and
// line it was reading; the tools catch it at their edge and print `tool: file:line: message`
// (see cli/tool.h), as KenLM's util does.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace ner {

class Error : public std::runtime_error {
 public:
  // `line` 0 means the error concerns the whole file (it cannot be opened, say).
  Error(std::string file, std::size_t line, const std::string& message);
  explicit Error(const std::string& message);

  const std::string& file() const { return file_; }
  std::size_t line() const { return line_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  std::size_t line_ = 0;
  std::string message_;
};

// A bad command line (exit status 2), as opposed to bad input or a failed run (1).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The display name of a path: "-" and "" read as "<stdin>"/"<stdout>" are given by the caller.
std::string errno_message(int err);

}  // namespace ner
