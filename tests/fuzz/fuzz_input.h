// What every fuzz target shares: the input written to a file (the readers take paths, as the tools
// do), the choices that the last byte of an input makes (options of the reader or the tool), and
// the rule that ner::Error is expected: bad input must end in one, and anything else (another
// exception, a sanitizer report, an abort) is a finding. https://llvm.org/docs/LibFuzzer.html
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "libner/io/error.h"
#include "libner/io/remove_tree.h"
#include "libner/io/utf8.h"

namespace ner::fuzz {

// A folder of this process's own, removed at exit (a crash leaves it; the fuzz script's scratch
// folder holds it).
inline const std::string& scratch_dir() {
  // Never destroyed: the atexit handler runs after static destructors registered before it.
  static const std::string* dir = [] {
    const char* base = std::getenv("TMPDIR");
    auto* path = new std::string(std::string(base && *base ? base : "/tmp") + "/ner-fuzz.XXXXXX");
    if (!mkdtemp(path->data())) {
      std::perror("ner-fuzz: mkdtemp");
      std::abort();
    }
    std::atexit([] {
      ner::remove_tree(scratch_dir());
    });
    return path;
  }();
  return *dir;
}

// Writes `bytes` to scratch_dir()/name and returns the path.
inline std::string write_file(const std::string& name, std::string_view bytes) {
  const std::string path = scratch_dir() + "/" + name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size() || std::fclose(f) != 0) {
    std::perror(path.c_str());
    std::abort();
  }
  return path;
}

// The fuzz input: the text, and a byte of choices after it (the input's last byte; none, 0, for
// an empty input). The choices are kept out of the text so that any value of them leaves the text
// as it is: a seed file is a valid or invalid input with one byte appended (testdata/fuzz/README.md).
struct Input {
  std::string_view text;
  std::uint8_t choice = 0;
  Input(const std::uint8_t* data, std::size_t size)
      : text(reinterpret_cast<const char*>(data), size ? size - 1 : 0), choice(size ? data[size - 1] : 0) {}
  bool bit(int k) const { return (choice >> k) & 1; }
  // Bits [k, k + n) as a number.
  unsigned bits(int k, int n) const { return (choice >> k) & ((1u << n) - 1); }
  bool valid_utf8() const { return utf8::find_invalid(text) == std::string_view::npos; }
  // The parts before and after the first NUL byte (the second empty when there is none).
  std::pair<std::string_view, std::string_view> split_at_nul() const {
    const auto nul = text.find('\0');
    if (nul == std::string_view::npos) return {text, {}};
    return {text.substr(0, nul), text.substr(nul + 1)};
  }
};

// A check of the library's own promises (offsets in range, say): a broken one is a finding.
#define NER_FUZZ_CHECK(cond)                                                                  \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      std::fprintf(stderr, "ner-fuzz: check failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (0)

// Runs `body`; ner::Error (bad input, reported well) is the expected way to fail. Anything else
// escapes and crashes the fuzzer, which is the point.
template <typename Body>
void expect_errors_only(Body&& body) {
  try {
    body();
  } catch (const ner::Error&) {
  }
}

}  // namespace ner::fuzz
