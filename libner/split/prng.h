// Seeded pseudo-random numbers that are the same on every machine, compiler and standard library.
// The engines of <random> are portable, but its distributions (std::uniform_int_distribution) and
// std::shuffle are implementation-defined, so a split drawn through them under libstdc++ would
// differ under libc++ or MSVC. A data split must be reproducible from its seed alone, so ner
// draws with fixed algorithms and its own bounded draws. ner-eval's resampling tests and
// ner-train's shuffling seeds draw from the same SplitMix64.
#pragma once

#include <cstdint>

namespace ner::split {

// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA
// 2014; Vigna's reference code): turns any 64-bit seed, 0 included, into well-mixed state words.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n), n > 0, without bias (Lemire 2019, "Fast random integer generation in an
  // interval", with its rejection step). The resampling tests of ner-eval draw with it.
  std::uint64_t below(std::uint64_t n) {
    unsigned __int128 m = static_cast<unsigned __int128>(next()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      const std::uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<unsigned __int128>(next()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

 private:
  std::uint64_t state_;
};

// xoshiro256** 1.0 (Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM
// TOMS 2021), seeded through SplitMix64 as its authors recommend.
class Xoshiro256 {
 public:
  explicit Xoshiro256(std::uint64_t seed) {
    SplitMix64 mix(seed);
    for (auto& word : s_) word = mix.next();
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // A uniform draw from [0, n), n > 0, without modulo bias: draws below 2^64 mod n are rejected,
  // so the accepted range is a whole number of copies of [0, n) (as OpenBSD's arc4random_uniform).
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t reject_under = (0 - n) % n;  // == 2^64 mod n
    for (;;) {
      const std::uint64_t r = next();
      if (r >= reject_under) return r % n;
    }
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::uint64_t s_[4];
};

}  // namespace ner::split
