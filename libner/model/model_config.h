// The hyper-parameters that make a model: which encoder, context layer and decoder, and their
// sizes. Torch-free, so the tools and `ner-tag --info` can read and print it. An architecture name
// ("imconvnet-bilstm-crf") is only a preset of the three part names; the parts can also be given
// one by one (--encoder, --context, --decoder).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ner {

struct ModelConfig {
  std::string arch;                    // the preset it came from, e.g. "imconvnet-bilstm-crf"; informative
  std::string encoder = "embedding";   // embedding | bert
  std::string context = "bilstm";      // none | bilstm | idcnn | imconvnet | imconvnet-bilstm
  std::string decoder = "crf";         // crf | softmax

  // Encoder: character (token) embeddings.
  int64_t embedding_dim = 100;
  // ... and, when bigram_dim > 0, embeddings of the left and the right character bigram of each
  // token (bigrams.h), from one table of bigram_vocab_size known bigrams (plus <pad> and <unk>).
  // The trainer counts the bigrams of the training corpus and sets bigram_vocab_size.
  int64_t bigram_dim = 0;
  int64_t bigram_vocab_size = 0;

  // BiLSTM: hidden units per direction.
  int64_t lstm_hidden = 128;
  int64_t lstm_layers = 1;

  // IDCNN (Strubell et al. 2017): a block of dilated convolutions iterated with shared weights.
  int64_t idcnn_filters = 128;
  int64_t idcnn_kernel = 3;
  int64_t idcnn_iterations = 4;
  std::vector<int64_t> idcnn_dilations{1, 1, 2};

  // imConvNet: ConvNeXt-style stages; depths and widths per stage (same length).
  std::vector<int64_t> imconvnet_depths{3, 3, 9, 3};
  std::vector<int64_t> imconvnet_widths{128, 256, 512, 1024};
  int64_t imconvnet_kernel = 7;    // depthwise convolution kernel (ConvNeXt's 7)
  double layer_scale_init = 1e-6;  // ConvNeXt's layer scale; 0 turns it off
  double drop_path = 0.0;          // stochastic depth rate of the last block (linear from 0)

  double dropout = 0.5;
  // While training, each token of the embedding encoder reads as <unk> with this probability, and
  // each of its bigrams too (independently): the model learns to tag from context the characters
  // and bigrams it will meet only in new text (word dropout, as in Lample et al. 2016).
  double token_dropout = 0.0;

  // Encoder "bert": what rebuilds the BERT encoder without its folder (bert_assets.h): {"config":
  // HuggingFace's config.json, "tokenizer": the WordPiece options, "vocab": vocab.txt's pieces}.
  // Null for the other encoders; filled by the trainer from --bert DIR.
  nlohmann::json bert;
  std::string scheme = "iob2";        // the tagging scheme the model learns and decodes in (the CRF's constraints)
  std::string output_scheme;          // the scheme ner-tag writes labels in, when not `scheme` (ner-train --train-scheme)
  bool constrained_decoding = true;   // forbid the scheme's illegal transitions when decoding
  bool constrained_training = false;  // ... and in the CRF's partition function while training

  nlohmann::json to_json() const;
  // Missing keys keep their defaults; wrong types or unknown part names throw ner::Error.
  static ModelConfig from_json(const nlohmann::json& json);

  // A preset by name: bilstm-crf, idcnn-crf, imconvnet-crf, imconvnet-bilstm-crf and their
  // -softmax variants; bert-crf, bert-softmax, bert-bilstm-crf, bert-imconvnet-crf and
  // bert-imconvnet-bilstm-crf (encoder "bert", dropout 0.1). Throws ner::UsageError listing the names.
  static ModelConfig from_arch(const std::string& name);
  static std::vector<std::string> arch_names();

  // Throws ner::UsageError when a part name or a size is invalid.
  void validate() const;
};

// The names each part accepts, for --help and messages.
std::vector<std::string> encoder_names();
std::vector<std::string> context_names();
std::vector<std::string> decoder_names();

}  // namespace ner
