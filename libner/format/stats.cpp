#include "libner/format/stats.h"

#include <algorithm>
#include <vector>

namespace ner {

void CorpusStats::add_sentence(std::size_t tokens, const std::string& document_id) {
  ++sentences_;
  tokens_ += tokens;
  if (tokens > longest_ || sentences_ == 1) {
    longest_ = tokens;
    longest_document_ = document_id;
  }
}

std::string CorpusStats::format() const {
  std::string out;
  out += "documents: " + std::to_string(documents_) + "\n";
  out += "sentences: " + std::to_string(sentences_) + "\n";
  out += "tokens: " + std::to_string(tokens_) + "\n";
  out += "entities: " + std::to_string(entities_) + "\n";
  std::vector<std::pair<std::string, std::size_t>> types(types_.begin(), types_.end());
  std::stable_sort(types.begin(), types.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [type, n] : types) out += "  " + type + ": " + std::to_string(n) + "\n";
  out += "longest sentence: " + std::to_string(longest_) + " tokens";
  if (sentences_ > 0 && !longest_document_.empty()) out += " (document " + longest_document_ + ")";
  out += "\n";
  return out;
}

}  // namespace ner
