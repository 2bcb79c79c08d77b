// A main for the fuzz targets where libFuzzer is not available (g++, or clang without its
// runtime): runs the target once on each file named, and on each file of each folder named (not
// recursing), in name order. reliability-sanitizers.sh replays the seeds and regression inputs of
// testdata/fuzz/ this way under the sanitizers of its build, so that every input that once crashed
// keeps being run where clang is missing. A crash ends the process as it would under libFuzzer.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg(argv[i]);
    if (fs::is_directory(arg)) {
      std::vector<std::string> in_folder;
      for (const auto& entry : fs::directory_iterator(arg))
        if (entry.is_regular_file()) in_folder.push_back(entry.path().string());
      std::sort(in_folder.begin(), in_folder.end());
      files.insert(files.end(), in_folder.begin(), in_folder.end());
    } else {
      files.push_back(arg.string());
    }
  }
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "%s: cannot read\n", file.c_str());
      return 2;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "Running: %s\n", file.c_str());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::fprintf(stderr, "%zu inputs run\n", files.size());
  return 0;
}
