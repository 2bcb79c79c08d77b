// What a model with the "bert" encoder carries besides its weights, so that the model file alone
// rebuilds it (ner-tag -m MODEL needs no BERT folder): BERT's config.json, the tokenizer options
// and vocab.txt's pieces, kept in ModelConfig::bert. Also the one mapping from stream tokens to
// the model's input ids, for every encoder: the model's Vocabulary, or for BERT the id of the
// character's WordPiece (char-level NER: one position per token, [UNK] when missing). Torch-free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "libner/bert/bert_config.h"
#include "libner/bert/bert_directory.h"
#include "libner/bert/wordpiece.h"
#include "libner/model/model_config.h"
#include "libner/model/vocabulary.h"

namespace ner {

// {"config", "tokenizer", "vocab", "source"} of a BERT folder, for ModelConfig::bert.
nlohmann::json bert_assets_json(const bert::BertDirectory& directory);

// The pieces of ModelConfig::bert; ner::Error when the config has no (or damaged) BERT assets.
bert::BertConfig bert_config_of(const ModelConfig& config);
bert::WordPieceTokenizer bert_tokenizer_of(const ModelConfig& config);

// The longest token sequence the encoder reads at once: max_position_embeddings - 2 for BERT
// ([CLS] and [SEP] take two positions); 0 (no limit) for the other encoders.
std::size_t encoder_max_tokens(const ModelConfig& config);

// Stream tokens to the model's input ids.
class TokenIds {
 public:
  TokenIds(const ModelConfig& config, const Vocabulary& vocabulary);
  int64_t operator()(const std::string& token) const;

 private:
  const Vocabulary* vocabulary_;
  std::optional<bert::WordPieceTokenizer> tokenizer_;
};

}  // namespace ner
