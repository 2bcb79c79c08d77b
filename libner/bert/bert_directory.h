// A HuggingFace BERT folder: config.json, vocab.txt, model.safetensors and, when present,
// tokenizer_config.json (or tokenizer.json) for the casing options. Torch-free: reading it gives
// the configuration, the tokenizer and where the weights are; bert_encoder.h loads the weights.
#pragma once

#include <string>

#include "libner/bert/bert_config.h"
#include "libner/bert/wordpiece.h"

namespace ner::bert {

struct BertDirectory {
  std::string path;
  BertConfig config;
  Vocab vocab;
  WordPieceOptions tokenizer_options;
  std::string weights;  // path of model.safetensors

  WordPieceTokenizer tokenizer() const { return WordPieceTokenizer(vocab, tokenizer_options); }
};

// Reads and checks the folder (the vocabulary fits the embedding table and has the special tokens).
// A folder with only pytorch_model.bin or tf_model.h5 gets a ner::Error that says how to convert
// it to model.safetensors.
BertDirectory read_bert_directory(const std::string& path);

}  // namespace ner::bert
