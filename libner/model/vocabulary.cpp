#include "libner/model/vocabulary.h"

#include <algorithm>
#include <stdexcept>

#include "libner/io/error.h"

namespace ner {

Vocabulary::Vocabulary() {
  add(kPadToken);
  add(kUnkToken);
}

int64_t Vocabulary::add(const std::string& token) {
  auto [it, inserted] = ids_.emplace(token, static_cast<int64_t>(tokens_.size()));
  if (inserted) tokens_.push_back(token);
  return it->second;
}

int64_t Vocabulary::id(const std::string& token) const {
  auto it = ids_.find(token);
  return it == ids_.end() ? kUnk : it->second;
}

const std::string& Vocabulary::token(int64_t id) const {
  if (id < 0 || id >= static_cast<int64_t>(tokens_.size()))
    throw std::out_of_range("vocabulary id " + std::to_string(id) + " out of range");
  return tokens_[static_cast<std::size_t>(id)];
}

nlohmann::json Vocabulary::to_json() const { return tokens_; }

Vocabulary Vocabulary::from_json(const nlohmann::json& json) {
  if (!json.is_array() || json.size() < 2 || json[0] != kPadToken || json[1] != kUnkToken)
    throw Error("vocabulary: expected a list of tokens starting with <pad>, <unk>");
  Vocabulary v;
  for (std::size_t i = 2; i < json.size(); ++i) {
    if (!json[i].is_string()) throw Error("vocabulary: token " + std::to_string(i) + " is not a string");
    if (v.add(json[i].get<std::string>()) != static_cast<int64_t>(i))
      throw Error("vocabulary: token " + std::to_string(i) + " is a duplicate");
  }
  return v;
}

Vocabulary VocabularyCounter::build(int64_t min_count) const {
  std::vector<std::pair<std::string, int64_t>> kept;
  for (const auto& [token, n] : counts_)
    if (n >= min_count && token != Vocabulary::kPadToken && token != Vocabulary::kUnkToken) kept.emplace_back(token, n);
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  Vocabulary v;
  for (const auto& [token, n] : kept) v.add(token);
  return v;
}

}  // namespace ner
