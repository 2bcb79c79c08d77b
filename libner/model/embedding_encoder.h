// The plain encoder: one trainable vector per token (character) of the vocabulary, randomly
// initialised or loaded from word2vec text vectors. Row 0 (<pad>) stays zero.
//
// With bigram_dim > 0 each position also gets the vectors of its left bigram (token t-1, token t)
// and its right bigram (token t, token t+1), keyed as in bigrams.h: the output is [char, left,
// right]. One table serves both sides: the right bigram of t is the left bigram of t+1, so a
// bigram has one vector wherever it stands, learns from twice the occurrences, and a word2vec file
// of bigrams fills it once. Its rows: 0 <pad> (zero; padded positions), 1 <unk> (bigrams not seen
// in training), then one per known bigram in the order of the sorted key buffer "bigram_keys",
// which is saved with the weights. A lookup is a binary search of that buffer (searchsorted), on
// the CPU or the GPU alike.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "libner/model/parts.h"

namespace ner {

class Vocabulary;

class EmbeddingEncoder : public Encoder {
 public:
  // token_dropout: in training, the probability that a token, and separately each bigram, reads as <unk>.
  EmbeddingEncoder(int64_t vocab_size, int64_t dim, int64_t bigram_dim = 0, int64_t bigram_vocab_size = 0,
                   double token_dropout = 0.0);

  torch::Tensor forward(const torch::Tensor& token_ids, const torch::Tensor& mask) override;
  int64_t output_dim() const override { return dim_ + 2 * bigram_dim_; }

  // Copies the vectors of the vocabulary's tokens found in the file; returns how many.
  int64_t load_word2vec(const Vocabulary& vocabulary, const std::string& path);

  // The known bigrams: bigram_vocab_size keys (collect_bigram_keys), strictly increasing.
  void set_bigram_keys(const std::vector<int64_t>& sorted_keys);
  // The bigram table's row of each key in `keys` (any shape): 1 (<unk>) for an unknown bigram.
  torch::Tensor bigram_rows(const torch::Tensor& keys) const;
  // Copies the vectors of known bigrams found in the file, where a bigram is a word of two
  // characters that are each a token of the vocabulary (患者); returns how many. Needs
  // set_bigram_keys first.
  int64_t load_bigram_word2vec(const Vocabulary& vocabulary, const std::string& path);

 private:
  // `ids` with each entry replaced by `unk` with probability token_dropout_, padding included
  // (the caller puts the padding back).
  torch::Tensor unk_where_dropped(const torch::Tensor& ids, int64_t unk) const;

  // Reads a word2vec file of vectors of `table`'s width into the rows that `row_of` gives (a
  // negative row: not wanted).
  static int64_t load_rows(torch::nn::Embedding& table, const std::string& path,
                           const std::function<int64_t(const std::string&)>& row_of);

  int64_t vocab_size_;
  int64_t dim_;
  int64_t bigram_dim_;
  double token_dropout_;
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::Embedding bigram_embedding_{nullptr};
  torch::Tensor bigram_keys_;  // [bigram_vocab_size] int64, sorted
};

}  // namespace ner
