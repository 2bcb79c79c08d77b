// A learnable toy corpus for training tests: sentences over a small alphabet where "x" starts an
// X entity that "y" continues and "z" is a one-token Z entity; different for every seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <random>
#include <string>

namespace ner_test {

// Writes `sentences` sentences of min_length to min_length + spread - 1 tokens to `path`.
inline void write_toy_corpus(const std::string& path, std::size_t sentences, std::uint64_t seed,
                             std::size_t min_length, std::size_t spread) {
  std::mt19937_64 rng(seed);
  const char* letters[] = {"a", "b", "c", "d", "x", "y", "z"};
  std::ofstream out(path);
  for (std::size_t s = 0; s < sentences; ++s) {
    const std::size_t n = min_length + rng() % spread;
    std::string previous = "O";
    for (std::size_t i = 0; i < n; ++i) {
      std::string t = letters[rng() % 7];
      std::string label = "O";
      if (t == "x") label = "B-X";
      else if (t == "y" && (previous == "B-X" || previous == "I-X")) label = "I-X";
      else if (t == "z") label = "B-Z";
      out << t << '\t' << label << '\n';
      previous = label;
    }
    out << '\n';
  }
}

}  // namespace ner_test
