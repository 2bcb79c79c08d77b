// `ner-convert --stats`: the size of a corpus as the stream sees it: documents, sentences, tokens,
// entities per type, and the longest sentence (what decides --max-len for BERT's 512 positions).
#pragma once

#include <cstddef>
#include <map>
#include <string>

namespace ner {

class CorpusStats {
 public:
  void add_document() { ++documents_; }
  void add_sentence(std::size_t tokens, const std::string& document_id);
  void add_entity(const std::string& type) { ++types_[type]; ++entities_; }

  std::size_t documents() const { return documents_; }
  std::size_t sentences() const { return sentences_; }
  std::size_t tokens() const { return tokens_; }
  std::size_t entities() const { return entities_; }
  const std::map<std::string, std::size_t>& entities_per_type() const { return types_; }
  std::size_t longest_sentence() const { return longest_; }
  const std::string& longest_sentence_document() const { return longest_document_; }

  // "documents: 1000" ... one "key: value" line each; types indented, most frequent first.
  std::string format() const;

 private:
  std::size_t documents_ = 0, sentences_ = 0, tokens_ = 0, entities_ = 0;
  std::map<std::string, std::size_t> types_;
  std::size_t longest_ = 0;
  std::string longest_document_;
};

}  // namespace ner
