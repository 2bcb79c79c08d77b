#include "libner/model/bert_assets.h"

#include <stdexcept>

#include "libner/io/error.h"

namespace ner {

nlohmann::json bert_assets_json(const bert::BertDirectory& directory) {
  nlohmann::json tokenizer = directory.tokenizer_options;
  return {{"config", directory.config.to_json()},
          {"tokenizer", tokenizer},
          {"vocab", directory.vocab.pieces()},
          {"source", directory.path}};
}

bert::BertConfig bert_config_of(const ModelConfig& config) {
  if (!config.bert.is_object() || !config.bert.contains("config"))
    throw Error("model configuration: the bert encoder has no BERT configuration (train it with --bert DIR)");
  try {
    auto c = bert::BertConfig::from_json(config.bert.at("config"));
    c.validate();
    return c;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(std::string("model configuration: bad BERT configuration: ") + e.what());
  }
}

bert::WordPieceTokenizer bert_tokenizer_of(const ModelConfig& config) {
  if (!config.bert.is_object() || !config.bert.contains("vocab"))
    throw Error("model configuration: the bert encoder has no vocabulary (train it with --bert DIR)");
  try {
    auto options = config.bert.value("tokenizer", nlohmann::json::object()).get<bert::WordPieceOptions>();
    return bert::WordPieceTokenizer(bert::Vocab(config.bert.at("vocab").get<std::vector<std::string>>()), options);
  } catch (const std::exception& e) {
    throw Error(std::string("model configuration: bad BERT vocabulary or tokenizer options: ") + e.what());
  }
}

std::size_t encoder_max_tokens(const ModelConfig& config) {
  if (config.encoder != "bert") return 0;
  const auto positions = bert_config_of(config).max_position_embeddings;
  if (positions < 3) throw Error("model configuration: BERT's max_position_embeddings is below 3");
  return static_cast<std::size_t>(positions - 2);
}

TokenIds::TokenIds(const ModelConfig& config, const Vocabulary& vocabulary) : vocabulary_(&vocabulary) {
  if (config.encoder == "bert") tokenizer_.emplace(bert_tokenizer_of(config));
}

int64_t TokenIds::operator()(const std::string& token) const {
  if (tokenizer_) return tokenizer_->token_id(token);
  return vocabulary_->id(token);
}

}  // namespace ner
