// Scratch files for the format tests.
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace format_test {

inline std::string temp_dir() {
  char tmpl[] = "/tmp/ner-format-test-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  return tmpl;
}

// Writes `bytes` to a new file (named `name` inside a new folder) and returns its path.
inline std::string write_temp(const std::string& bytes, const std::string& name = "input") {
  const std::string path = temp_dir() + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

}  // namespace format_test
