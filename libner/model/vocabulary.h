// The token vocabulary: token strings to embedding rows. Id 0 is padding, id 1 stands for every
// token not in the vocabulary. Torch-free; stored in the model file's JSON header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace ner {

class Vocabulary {
 public:
  static constexpr int64_t kPad = 0;
  static constexpr int64_t kUnk = 1;
  static constexpr const char* kPadToken = "<pad>";
  static constexpr const char* kUnkToken = "<unk>";

  Vocabulary();  // just <pad> and <unk>

  // Adds `token` if it is new; returns its id.
  int64_t add(const std::string& token);
  // The id of `token`, kUnk when absent.
  int64_t id(const std::string& token) const;
  bool contains(const std::string& token) const { return ids_.count(token) != 0; }
  std::size_t size() const { return tokens_.size(); }
  const std::string& token(int64_t id) const;  // throws std::out_of_range
  const std::vector<std::string>& tokens() const { return tokens_; }

  nlohmann::json to_json() const;  // the token list in id order
  static Vocabulary from_json(const nlohmann::json& json);  // throws ner::Error when malformed

 private:
  std::vector<std::string> tokens_;
  std::unordered_map<std::string, int64_t> ids_;
};

// Counts training tokens, then makes a vocabulary of those seen at least `min_count` times, most
// frequent first (ties in byte order), so the ids do not depend on the order of the input.
class VocabularyCounter {
 public:
  void count(const std::string& token, int64_t n = 1) { counts_[token] += n; }
  Vocabulary build(int64_t min_count = 1) const;
  const std::unordered_map<std::string, int64_t>& counts() const { return counts_; }

 private:
  std::unordered_map<std::string, int64_t> counts_;
};

}  // namespace ner
