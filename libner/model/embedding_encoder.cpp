#include "libner/model/embedding_encoder.h"

#include <algorithm>
#include <stdexcept>

#include "libner/io/utf8.h"
#include "libner/model/bigrams.h"
#include "libner/model/dropout.h"
#include "libner/model/vocabulary.h"
#include "libner/model/word2vec.h"

namespace ner {

namespace {

constexpr int64_t kBigramPadRow = 0;
constexpr int64_t kBigramUnkRow = 1;
constexpr int64_t kFirstBigramRow = 2;

// The id of a token that has its own row, or -1 (absent, or <pad> or <unk> themselves).
int64_t own_id(const Vocabulary& vocabulary, const std::string& token) {
  return vocabulary.contains(token) && vocabulary.id(token) > Vocabulary::kUnk ? vocabulary.id(token) : -1;
}

}  // namespace

EmbeddingEncoder::EmbeddingEncoder(int64_t vocab_size, int64_t dim, int64_t bigram_dim, int64_t bigram_vocab_size,
                                   double token_dropout)
    : vocab_size_(vocab_size), dim_(dim), bigram_dim_(bigram_dim), token_dropout_(token_dropout) {
  embedding_ = register_module(
      "embedding", torch::nn::Embedding(torch::nn::EmbeddingOptions(vocab_size, dim).padding_idx(0)));
  if (bigram_dim_ > 0) {
    bigram_embedding_ = register_module(
        "bigram_embedding",
        torch::nn::Embedding(
            torch::nn::EmbeddingOptions(kFirstBigramRow + bigram_vocab_size, bigram_dim_).padding_idx(kBigramPadRow)));
    bigram_keys_ = register_buffer("bigram_keys", torch::zeros({bigram_vocab_size}, torch::kLong));
  }
}

torch::Tensor EmbeddingEncoder::forward(const torch::Tensor& token_ids, const torch::Tensor& mask) {
  const bool drop = is_training() && token_dropout_ > 0;
  // The bigrams are those of the text, not of the dropped tokens: a dropped character leaves its
  // bigrams to their own draw.
  auto chars = embedding_->forward(
      drop ? unk_where_dropped(token_ids, Vocabulary::kUnk).masked_fill_(~mask, Vocabulary::kPad) : token_ids);
  if (!bigram_embedding_) return chars;
  // Whatever padded positions hold, they read as <pad>: the last token's right bigram is
  // (last, <pad>) however long the batch is. With a <pad> column on each side, bigram j of a row
  // is (token j-1, token j) for j = 0..T: the left bigram of position t is j = t, its right j = t+1.
  const auto steps = token_ids.size(1);
  const auto ids = torch::constant_pad_nd(token_ids.masked_fill(~mask, Vocabulary::kPad), {1, 1}, Vocabulary::kPad);
  const auto keys = ids.narrow(1, 0, steps + 1) * vocab_size_ + ids.narrow(1, 1, steps + 1);
  const auto rows = drop ? unk_where_dropped(bigram_rows(keys), kBigramUnkRow) : bigram_rows(keys);
  const auto left = rows.narrow(1, 0, steps).masked_fill(~mask, kBigramPadRow);
  const auto right = rows.narrow(1, 1, steps).masked_fill(~mask, kBigramPadRow);
  return torch::cat({chars, bigram_embedding_->forward(left), bigram_embedding_->forward(right)}, -1);
}

torch::Tensor EmbeddingEncoder::unk_where_dropped(const torch::Tensor& ids, int64_t unk) const {
  const auto dropped = bernoulli_mask(ids.sizes(), ids.options().dtype(torch::kFloat), token_dropout_).to(torch::kBool);
  return ids.masked_fill(dropped, unk);
}

torch::Tensor EmbeddingEncoder::bigram_rows(const torch::Tensor& keys) const {
  const auto known = bigram_keys_.defined() ? bigram_keys_.size(0) : 0;
  if (known == 0) return torch::full_like(keys, kBigramUnkRow);
  // searchsorted gives where each key would go; it is known only if the key there equals it.
  const auto at = torch::searchsorted(bigram_keys_, keys).clamp_max(known - 1);
  const auto found = bigram_keys_.take(at).eq(keys);
  return torch::where(found, at + kFirstBigramRow, torch::full_like(keys, kBigramUnkRow));
}

void EmbeddingEncoder::set_bigram_keys(const std::vector<int64_t>& sorted_keys) {
  if (!bigram_keys_.defined() || static_cast<int64_t>(sorted_keys.size()) != bigram_keys_.size(0))
    throw std::logic_error("set_bigram_keys: the encoder was built for " +
                           std::to_string(bigram_keys_.defined() ? bigram_keys_.size(0) : 0) + " bigrams, not " +
                           std::to_string(sorted_keys.size()));
  if (std::adjacent_find(sorted_keys.begin(), sorted_keys.end(), std::greater_equal<int64_t>()) != sorted_keys.end())
    throw std::logic_error("set_bigram_keys: the keys are not strictly increasing");
  torch::NoGradGuard no_grad;
  bigram_keys_.copy_(torch::tensor(sorted_keys, torch::kLong));
}

int64_t EmbeddingEncoder::load_rows(torch::nn::Embedding& table, const std::string& path,
                                    const std::function<int64_t(const std::string&)>& row_of) {
  // Read into a CPU copy first: one transfer to the device at the end.
  torch::NoGradGuard no_grad;
  auto weight = table->weight.detach().to(torch::kCPU, torch::kFloat).clone();
  auto rows = weight.accessor<float, 2>();
  const int64_t dim = weight.size(1);
  int64_t found = 0;
  read_word2vec(
      path, dim, [&](const std::string& token) { return row_of(token) >= 0; },
      [&](const std::string& token, const std::vector<float>& values) {
        const int64_t row = row_of(token);
        if (row >= weight.size(0)) return;
        for (int64_t i = 0; i < dim; ++i) rows[row][i] = values[static_cast<std::size_t>(i)];
        ++found;
      });
  table->weight.copy_(weight);
  return found;
}

int64_t EmbeddingEncoder::load_word2vec(const Vocabulary& vocabulary, const std::string& path) {
  return load_rows(embedding_, path, [&](const std::string& token) { return own_id(vocabulary, token); });
}

int64_t EmbeddingEncoder::load_bigram_word2vec(const Vocabulary& vocabulary, const std::string& path) {
  if (!bigram_embedding_) throw std::logic_error("load_bigram_word2vec: the encoder has no bigram embeddings");
  const auto keys_tensor = bigram_keys_.to(torch::kCPU).contiguous();
  const std::vector<int64_t> keys(keys_tensor.data_ptr<int64_t>(), keys_tensor.data_ptr<int64_t>() + keys_tensor.numel());
  return load_rows(bigram_embedding_, path, [&](const std::string& token) -> int64_t {
    if (utf8::find_invalid(token) != std::string::npos) return -1;
    const auto offsets = utf8::code_point_offsets(token);
    if (offsets.size() != 3) return -1;  // two code points
    const auto first = own_id(vocabulary, token.substr(0, offsets[1]));
    const auto second = own_id(vocabulary, token.substr(offsets[1]));
    if (first < 0 || second < 0) return -1;
    const auto key = bigram_key(first, second, vocab_size_);
    const auto it = std::lower_bound(keys.begin(), keys.end(), key);
    return it != keys.end() && *it == key ? kFirstBigramRow + (it - keys.begin()) : -1;
  });
}

}  // namespace ner
