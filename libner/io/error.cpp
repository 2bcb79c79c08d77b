#include "libner/io/error.h"

#include <cstring>

namespace ner {
namespace {

std::string locate(const std::string& file, std::size_t line, const std::string& message) {
  std::string where = file;
  if (!where.empty() && line > 0) where += ":" + std::to_string(line);
  return where.empty() ? message : where + ": " + message;
}

}  // namespace

Error::Error(std::string file, std::size_t line, const std::string& message)
    : std::runtime_error(locate(file, line, message)),
      file_(std::move(file)),
      line_(line),
      message_(message) {}

Error::Error(const std::string& message) : std::runtime_error(message), message_(message) {}

std::string errno_message(int err) { return std::strerror(err); }

}  // namespace ner
