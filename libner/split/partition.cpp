#include "libner/split/partition.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "libner/io/error.h"

namespace ner::split {

namespace {

using u128 = unsigned __int128;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Parses an unsigned decimal of at most 18 digits; false when `text` is anything else.
bool parse_count(const std::string& text, std::uint64_t& value) {
  if (text.empty() || text.size() > 18) return false;
  value = 0;
  for (char c : text) {
    if (!is_digit(c)) return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

std::vector<std::string> split_on(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t end = text.find(sep, begin);
    parts.push_back(text.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    if (end == std::string::npos) return parts;
    begin = end + 1;
  }
}

}  // namespace

std::vector<std::uint64_t> parse_ratio(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return UsageError("--ratio '" + text + "': " + why + " (expected positive numbers joined by ':', e.g. 6:2:2)");
  };
  const std::vector<std::string> fields = split_on(text, ':');
  if (fields.size() < 2) throw bad("needs at least two parts");
  // Each field as integer digits and fraction digits; the weights share the largest scale.
  std::vector<std::pair<std::string, std::string>> numbers;
  std::size_t scale = 0;
  for (const auto& field : fields) {
    const std::size_t dot = field.find('.');
    std::string whole = field.substr(0, dot);
    std::string fraction = dot == std::string::npos ? "" : field.substr(dot + 1);
    const bool digits_only = std::all_of(whole.begin(), whole.end(), is_digit) &&
                             std::all_of(fraction.begin(), fraction.end(), is_digit);
    if (!digits_only || (whole.empty() && fraction.empty())) throw bad("'" + field + "' is not a number");
    if (whole.size() > 9 || fraction.size() > 9) throw bad("'" + field + "' has too many digits");
    scale = std::max(scale, fraction.size());
    numbers.emplace_back(whole, fraction);
  }
  std::vector<std::uint64_t> weights;
  for (std::size_t k = 0; k < numbers.size(); ++k) {
    std::string digits = numbers[k].first + numbers[k].second + std::string(scale - numbers[k].second.size(), '0');
    std::uint64_t w = 0;
    parse_count(digits.empty() ? "0" : digits, w);
    if (w == 0) throw bad("part " + std::to_string(k + 1) + " is zero");
    weights.push_back(w);
  }
  return weights;
}

std::vector<std::uint64_t> apportion(std::uint64_t total, const std::vector<std::uint64_t>& weights) {
  u128 sum = 0;
  for (auto w : weights) sum += w;
  if (sum == 0) throw std::invalid_argument("apportion: the weights are all zero");
  std::vector<std::uint64_t> sizes(weights.size());
  std::vector<u128> remainders(weights.size());
  std::uint64_t given = 0;
  for (std::size_t k = 0; k < weights.size(); ++k) {
    const u128 quota = static_cast<u128>(total) * weights[k];  // exact: < 2^64 * 2^64
    sizes[k] = static_cast<std::uint64_t>(quota / sum);
    remainders[k] = quota % sum;
    given += sizes[k];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  // Fewer items are left over than there are parts, since each floor loses less than one.
  for (std::size_t j = 0; given < total; ++j, ++given) ++sizes[order[j]];
  return sizes;
}

RandomAssignment::RandomAssignment(std::vector<std::uint64_t> sizes, std::uint64_t seed)
    : left_(std::move(sizes)), rng_(seed) {
  for (auto n : left_) total_left_ += n;
}

std::size_t RandomAssignment::next() {
  if (total_left_ == 0) throw std::logic_error("RandomAssignment: more items than the parts hold");
  std::uint64_t draw = rng_.below(total_left_);
  --total_left_;
  for (std::size_t k = 0;; ++k) {
    if (draw < left_[k]) {
      --left_[k];
      return k;
    }
    draw -= left_[k];
  }
}

std::pair<std::uint64_t, std::uint64_t> shard_range(std::uint64_t total, std::uint64_t index, std::uint64_t count) {
  const std::uint64_t base = total / count, extra = total % count, i = index - 1;
  const std::uint64_t first = i * base + std::min(i, extra);
  return {first, first + base + (i < extra ? 1 : 0)};
}

std::pair<std::uint64_t, std::uint64_t> parse_shard(const std::string& text) {
  const auto fields = split_on(text, '/');
  std::uint64_t index = 0, count = 0;
  if (fields.size() != 2 || !parse_count(fields[0], index) || !parse_count(fields[1], count) || index < 1 ||
      index > count)
    throw UsageError("--shard '" + text + "': expected i/N with 1 <= i <= N, e.g. 2/4");
  return {index, count};
}

}  // namespace ner::split
