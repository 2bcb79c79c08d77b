#include "tests/model/torch_catch.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "libner/train/run_profile.h"

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("RunProfile writes one row per operator with its calls, and nothing unless asked", "[profile]") {
  char tmpl[] = "/tmp/ner-profile-test-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  const std::string dir = tmpl, path = dir + "/run.tsv", unwritten = dir + "/unwritten.tsv";
  {
    ner::RunProfile profile(path);
    auto a = torch::ones({8, 8});
    for (int i = 0; i < 7; ++i) a = torch::tanh(a.mm(a));
    profile.write();
  }
  {
    ner::RunProfile dropped(unwritten);
    torch::ones({2}).sum();
  }  // destroyed without write(): no file
  CHECK(::access(unwritten.c_str(), F_OK) != 0);
  const auto table = read_all(path);
  INFO(table);
  CHECK(table.rfind("device\tname\tcalls\ttotal_ms\tmean_us\tshare_of_run\n", 0) == 0);
  CHECK(table.find("cpu\taten::mm\t7\t") != std::string::npos);
  CHECK(table.find("cpu\taten::tanh\t7\t") != std::string::npos);
  { ner::RunProfile nothing(""); nothing.write(); }  // an empty path: no profiler, no file, no error
  ::unlink(path.c_str());
  ::rmdir(dir.c_str());
}
