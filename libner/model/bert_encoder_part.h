// The "bert" encoder part: BERT (libner/bert) over the characters of a sentence, char-level as in
// BERT-CRF NER (one BERT position per character). It adds [CLS] before and [SEP] after each row
// and returns the vectors of the characters only, so the context layer and the decoder see one
// vector per token as with the embedding encoder. Token ids are BERT's (TokenIds in
// bert_assets.h); rows longer than max_position_embeddings - 2 are refused (ner-tag tags them in
// windows, ner-train cuts them).
#pragma once

#include <cstdint>
#include <string>

#include <torch/torch.h>

#include "libner/bert/bert_encoder.h"
#include "libner/model/model_config.h"
#include "libner/model/parts.h"

namespace ner {

class BertEncoderPart : public Encoder {
 public:
  // Random weights of the shape in config.bert; load_pretrained or the model file fills them.
  explicit BertEncoderPart(const ModelConfig& config);

  torch::Tensor forward(const torch::Tensor& token_ids, const torch::Tensor& mask) override;
  int64_t output_dim() const override { return bert_->hidden_size(); }

  // Copies model.safetensors of a HuggingFace BERT folder into the encoder.
  void load_pretrained(const std::string& directory);

  bert::BertEncoder& bert() { return bert_; }

 private:
  bert::BertEncoder bert_{nullptr};
  int64_t cls_id_ = 0, sep_id_ = 0, pad_id_ = 0;
};

}  // namespace ner
