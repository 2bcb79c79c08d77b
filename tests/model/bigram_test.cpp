// Character-bigram embeddings: collecting the keys, looking them up, what the encoder puts out,
// and loading bigram vectors from a word2vec file.
#include "tests/model/torch_catch.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "libner/io/error.h"
#include "libner/model/bigrams.h"
#include "libner/model/embedding_encoder.h"
#include "libner/model/model_config.h"
#include "libner/model/ner_model.h"
#include "libner/model/vocabulary.h"

using ner::bigram_key;
using ner::EmbeddingEncoder;

namespace {

constexpr int64_t kVocab = 10;

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("ner-bigram-test-" + std::to_string(::getpid()) + "-" + name)).string();
}

std::vector<int64_t> keys_of(const std::vector<std::pair<int64_t, int64_t>>& bigrams) {
  std::vector<int64_t> keys;
  for (const auto& [a, b] : bigrams) keys.push_back(bigram_key(a, b, kVocab));
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace

TEST_CASE("bigram keys come from the sentences, edges included", "[model][bigrams]") {
  const std::vector<std::vector<int64_t>> sentences{{2, 3, 4}, {2, 3}, {}};
  CHECK(ner::collect_bigram_keys(sentences, kVocab, 1) == keys_of({{0, 2}, {2, 3}, {3, 4}, {4, 0}, {3, 0}}));
  CHECK(ner::collect_bigram_keys(sentences, kVocab, 2) == keys_of({{0, 2}, {2, 3}}));
  CHECK(ner::collect_bigram_keys(sentences, kVocab, 3).empty());
}

TEST_CASE("a bigram lookup gives known bigrams their own rows and the others <unk>", "[model][bigrams]") {
  const auto known = keys_of({{0, 2}, {2, 3}, {3, 4}, {9, 0}});
  EmbeddingEncoder encoder(kVocab, 4, 3, static_cast<int64_t>(known.size()));
  encoder.set_bigram_keys(known);
  auto keys = torch::tensor({bigram_key(0, 2, kVocab), bigram_key(2, 3, kVocab), bigram_key(3, 4, kVocab),
                             bigram_key(9, 0, kVocab), bigram_key(3, 2, kVocab), bigram_key(0, 0, kVocab),
                             bigram_key(9, 9, kVocab), bigram_key(0, 1, kVocab)},
                            torch::kLong)
                  .view({2, 4});
  auto rows = encoder.bigram_rows(keys);
  CHECK(torch::equal(rows, torch::tensor({2, 3, 4, 5, 1, 1, 1, 1}, torch::kLong).view({2, 4})));

  EmbeddingEncoder none(kVocab, 4, 3, 0);  // no bigram known: everything is <unk>
  CHECK(torch::equal(none.bigram_rows(keys), torch::ones_like(keys)));
  CHECK_THROWS_AS(encoder.set_bigram_keys({1, 2}), std::logic_error);
  CHECK_THROWS_AS(encoder.set_bigram_keys({5, 4, 6, 7}), std::logic_error);
}

TEST_CASE("the encoder puts out [char, left bigram, right bigram]", "[model][bigrams]") {
  torch::manual_seed(3);
  const auto known = keys_of({{0, 2}, {2, 3}, {3, 4}, {4, 0}, {3, 0}});
  EmbeddingEncoder encoder(kVocab, 4, 3, static_cast<int64_t>(known.size()));
  encoder.set_bigram_keys(known);
  CHECK(encoder.output_dim() == 10);
  const auto table = encoder.named_parameters()["bigram_embedding.weight"];
  const auto chars = encoder.named_parameters()["embedding.weight"];
  auto row = [&](int64_t a, int64_t b) {
    return table[encoder.bigram_rows(torch::tensor({bigram_key(a, b, kVocab)}, torch::kLong))[0].item<int64_t>()];
  };
  // Row 0: 2 3 4; row 1: 2 3 (then padding that holds a real token, 7, which must not count).
  auto ids = torch::tensor({2, 3, 4, 2, 3, 7}, torch::kLong).view({2, 3});
  auto mask = torch::tensor({true, true, true, true, true, false}).view({2, 3});
  auto out = encoder.forward(ids, mask);
  REQUIRE(out.sizes() == torch::IntArrayRef{2, 3, 10});
  auto expect = [&](int64_t b, int64_t t, int64_t id, int64_t prev, int64_t next) {
    INFO("row " << b << ", position " << t);
    CHECK(torch::equal(out[b][t].narrow(0, 0, 4), chars[id]));
    CHECK(torch::equal(out[b][t].narrow(0, 4, 3), row(prev, id)));
    CHECK(torch::equal(out[b][t].narrow(0, 7, 3), row(id, next)));
  };
  expect(0, 0, 2, 0, 3);
  expect(0, 1, 3, 2, 4);
  expect(0, 2, 4, 3, 0);
  expect(1, 0, 2, 0, 3);
  expect(1, 1, 3, 2, 0);  // the end, not (3, 7)
  CHECK(torch::equal(out[1][2].narrow(0, 4, 6), torch::zeros({6})));  // padding: the <pad> row
  CHECK(!torch::equal(row(3, 2), row(2, 3)));                          // order matters
  CHECK(torch::equal(row(3, 2), table[1]));                            // unseen: <unk>
}

TEST_CASE("bigram vectors load from a word2vec file of two-token words", "[model][bigrams][word2vec]") {
  torch::set_num_threads(2);
  ner::Vocabulary v;
  for (const char* t : {"患", "者", "无", "CT"}) v.add(t);  // ids 2, 3, 4, 5
  const int64_t size = static_cast<int64_t>(v.size());
  std::vector<int64_t> known{bigram_key(2, 3, size), bigram_key(4, 2, size), bigram_key(5, 3, size)};
  std::sort(known.begin(), known.end());
  auto c = ner::ModelConfig::from_arch("bilstm-crf");
  c.embedding_dim = 4;
  c.lstm_hidden = 3;
  c.bigram_dim = 2;
  c.bigram_vocab_size = static_cast<int64_t>(known.size());
  ner::NerModel model(c, size, std::vector<std::string>{"O", "B-X", "I-X"});
  auto& encoder = model->embedding_encoder("test");
  encoder.set_bigram_keys(known);
  const auto path = temp_path("bigrams.txt");
  // 患者 and 无患 are known; 者患 is not; CT者 is not two characters; 患病 has an unknown token.
  std::ofstream(path) << "5 2\n患者 1 2\n者患 3 4\n无患 5 6\nCT者 7 8\n患病 9 9\n";
  CHECK(encoder.load_bigram_word2vec(v, path) == 2);
  auto row = [&](int64_t a, int64_t b) {
    return encoder.bigram_rows(torch::tensor({bigram_key(a, b, size)}, torch::kLong))[0].item<int64_t>();
  };
  const auto table = model->named_parameters()["encoder.bigram_embedding.weight"];
  CHECK(torch::equal(table[row(2, 3)], torch::tensor({1.f, 2.f})));
  CHECK(torch::equal(table[row(4, 2)], torch::tensor({5.f, 6.f})));
  CHECK(!torch::equal(table[row(5, 3)], torch::tensor({7.f, 8.f})));
  std::ofstream(path) << "患者 1 2 3\n";
  CHECK_THROWS_WITH(encoder.load_bigram_word2vec(v, path), Catch::Contains(":1: expected a token and 2 values"));
  std::filesystem::remove(path);
}

TEST_CASE("bigram settings are part of the configuration", "[model][bigrams][config]") {
  auto c = ner::ModelConfig::from_arch("bilstm-crf");
  CHECK(c.bigram_dim == 0);
  c.bigram_dim = 64;
  c.bigram_vocab_size = 1234;
  auto back = ner::ModelConfig::from_json(nlohmann::json::parse(c.to_json().dump()));
  CHECK(back.bigram_dim == 64);
  CHECK(back.bigram_vocab_size == 1234);
  auto old = c.to_json();  // a model file from before bigrams
  old.erase("bigram_dim");
  old.erase("bigram_vocab_size");
  CHECK(ner::ModelConfig::from_json(old).bigram_dim == 0);
  c.bigram_dim = -1;
  CHECK_THROWS_AS(c.validate(), ner::UsageError);
  c = ner::ModelConfig::from_arch("bert-crf");
  c.bigram_dim = 8;
  CHECK_THROWS_WITH(c.validate(), Catch::Contains("bigram embeddings need the embedding encoder"));
}

TEST_CASE("token dropout reads tokens and bigrams as <unk> while training only", "[model][bigrams][dropout]") {
  torch::manual_seed(5);
  const int64_t steps = 400;
  const auto known = keys_of({{0, 2}, {2, 2}, {2, 0}});
  EmbeddingEncoder encoder(kVocab, 4, 3, static_cast<int64_t>(known.size()), 0.3);
  encoder.set_bigram_keys(known);
  const auto chars = encoder.named_parameters()["embedding.weight"];
  const auto table = encoder.named_parameters()["bigram_embedding.weight"];
  // Two rows of token 2 repeated; the second is padded after 300 tokens.
  auto ids = torch::full({2, steps}, 2, torch::kLong);
  auto mask = torch::ones({2, steps}, torch::kBool);
  mask[1].narrow(0, 300, steps - 300).fill_(false);
  const int64_t real = 2 * steps - 100;

  auto is_row = [](const torch::Tensor& part, const torch::Tensor& row) { return (part == row).all(-1); };
  torch::NoGradGuard no_grad;
  encoder.train();
  const auto out = encoder.forward(ids, mask);
  const auto char_unk = is_row(out.narrow(2, 0, 4), chars[ner::Vocabulary::kUnk]);
  const auto left_unk = is_row(out.narrow(2, 4, 3), table[1]);
  const auto right_unk = is_row(out.narrow(2, 7, 3), table[1]);
  // About 30% of the tokens and of the bigrams, drawn independently.
  const auto char_rate = char_unk.logical_and(mask).sum().item<double>() / real;
  const auto left_rate = left_unk.logical_and(mask).sum().item<double>() / real;
  CHECK(char_rate == Approx(0.3).margin(0.06));
  CHECK(left_rate == Approx(0.3).margin(0.06));
  CHECK(char_unk.logical_and(mask).logical_xor(left_unk.logical_and(mask)).any().item<bool>());
  // One bigram is one draw: the right bigram of t is the left bigram of t+1.
  CHECK(torch::equal(right_unk[0].narrow(0, 0, steps - 1), left_unk[0].narrow(0, 1, steps - 1)));
  // Padding stays zero.
  CHECK(torch::equal(out[1].narrow(0, 300, steps - 300), torch::zeros({steps - 300, 10})));

  encoder.eval();
  const auto tagged = encoder.forward(ids, mask);
  CHECK(!is_row(tagged.narrow(2, 0, 4), chars[ner::Vocabulary::kUnk]).any().item<bool>());
  CHECK(!is_row(tagged.narrow(2, 4, 3), table[1]).any().item<bool>());
}

TEST_CASE("token dropout is part of the configuration and needs the embedding encoder", "[model][dropout][config]") {
  auto c = ner::ModelConfig::from_arch("bilstm-crf");
  CHECK(c.token_dropout == 0);
  c.token_dropout = 0.1;
  CHECK(ner::ModelConfig::from_json(nlohmann::json::parse(c.to_json().dump())).token_dropout == 0.1);
  c.token_dropout = 1.0;
  CHECK_THROWS_WITH(c.validate(), Catch::Contains("token dropout must be in [0, 1)"));
  c = ner::ModelConfig::from_arch("bert-crf");
  c.token_dropout = 0.1;
  CHECK_THROWS_WITH(c.validate(), Catch::Contains("token dropout needs the embedding encoder"));
}
