#include "libner/model/bert_encoder_part.h"

#include "libner/bert/bert_directory.h"
#include "libner/io/error.h"
#include "libner/model/bert_assets.h"

namespace ner {

BertEncoderPart::BertEncoderPart(const ModelConfig& config) {
  const auto bert_config = bert_config_of(config);
  const auto tokenizer = bert_tokenizer_of(config);
  if (static_cast<int64_t>(tokenizer.vocab().size()) > bert_config.vocab_size)
    throw Error("model configuration: BERT's vocabulary has more pieces than its embedding table");
  cls_id_ = tokenizer.cls_id();
  sep_id_ = tokenizer.sep_id();
  pad_id_ = tokenizer.pad_id();
  bert_ = register_module("bert", bert::BertEncoder(bert_config));
}

torch::Tensor BertEncoderPart::forward(const torch::Tensor& token_ids, const torch::Tensor& mask) {
  const auto rows = token_ids.size(0), cols = token_ids.size(1);
  const auto positions = bert_->config().max_position_embeddings;
  if (cols + 2 > positions)
    throw Error("a sentence of " + std::to_string(cols) + " tokens is longer than BERT's limit of " +
                std::to_string(positions - 2) + " (max_position_embeddings - 2); tag it in windows");
  // [CLS] x_1 .. x_n [SEP] [PAD]..: [SEP] goes right after each row's last real token.
  const auto opts = token_ids.options().dtype(torch::kInt64);
  const auto real = mask.to(torch::kBool);
  auto ids = torch::cat({torch::full({rows, 1}, cls_id_, opts),
                         torch::where(real, token_ids.to(torch::kInt64), torch::full_like(token_ids, pad_id_, opts)),
                         torch::full({rows, 1}, pad_id_, opts)},
                        1);
  auto attention = torch::cat({torch::ones({rows, 1}, real.options()), real, torch::zeros({rows, 1}, real.options())}, 1);
  const auto sep_at = (real.sum(1) + 1).unsqueeze(1);
  ids = ids.scatter(1, sep_at, sep_id_);
  attention = attention.scatter(1, sep_at, true);
  return bert_->forward(ids, attention).narrow(1, 1, cols);
}

void BertEncoderPart::load_pretrained(const std::string& directory) {
  const auto dir = bert::read_bert_directory(directory);
  const auto& have = bert_->config();
  if (dir.config.to_json() != have.to_json())
    throw Error(directory, 0, "the BERT folder's config.json differs from the model's BERT configuration");
  bert_->load_weights(bert::SafetensorsFile(dir.weights));
}

}  // namespace ner
