// The assembled taggers: shapes, parameter counts, padding that never leaks, and learning.
#include "tests/model/torch_catch.h"

#include <algorithm>

#include <cmath>

#include "libner/io/error.h"
#include "libner/model/bigrams.h"
#include "libner/model/bilstm.h"
#include "libner/model/embedding_encoder.h"
#include "libner/model/model_config.h"
#include "libner/model/ner_model.h"
#include "libner/train/bert_training.h"

using ner::ModelConfig;
using ner::NerModel;

namespace {

const std::vector<std::string> kLabels{"O", "B-X", "I-X", "B-Y", "I-Y"};
constexpr int64_t kVocab = 30;

// A preset with sizes small enough for a unit test.
ModelConfig small(const std::string& arch) {
  auto c = ModelConfig::from_arch(arch);
  c.embedding_dim = 6;
  c.lstm_hidden = 5;
  c.idcnn_filters = 7;
  c.imconvnet_depths = {1, 1, 2, 1};
  c.imconvnet_widths = {8, 12, 16, 20};
  c.layer_scale_init = 0.5;  // so the blocks matter in the tests
  c.dropout = 0.1;
  return c;
}

// `c` with bigram embeddings that know the bigrams (a, b) with a + b even, edges included.
ModelConfig with_bigrams(ModelConfig c) {
  c.bigram_dim = 3;
  c.bigram_vocab_size = kVocab * kVocab / 2;
  return c;
}

// A model of `config`, its bigrams (if any) as with_bigrams says.
NerModel make_model(const ModelConfig& config) {
  NerModel model(config, kVocab, kLabels);
  if (config.bigram_dim > 0) {
    std::vector<int64_t> keys;
    for (int64_t a = 0; a < kVocab; ++a)
      for (int64_t b = 0; b < kVocab; ++b)
        if ((a + b) % 2 == 0) keys.push_back(ner::bigram_key(a, b, kVocab));
    std::sort(keys.begin(), keys.end());
    model->embedding_encoder("bigrams").set_bigram_keys(keys);
  }
  return model;
}

// The BERT rows need a BERT folder: tests/bert/bert_ner_rows_test.cpp builds one and runs them.
std::vector<std::string> all_archs() {
  auto names = ModelConfig::arch_names();
  names.erase(std::remove_if(names.begin(), names.end(), [](const std::string& n) { return n.rfind("bert-", 0) == 0; }),
              names.end());
  return names;
}

}  // namespace

TEST_CASE("every architecture gives emissions of the right shape", "[model][ner_model]") {
  torch::set_num_threads(2);
  torch::manual_seed(10);
  for (const auto& arch : all_archs()) {
    INFO(arch);
    NerModel model(small(arch), kVocab, kLabels);
    model->eval();
    auto ids = torch::randint(2, kVocab, {3, 9}, torch::kLong);
    auto mask = torch::ones({3, 9}, torch::kBool);
    mask[1].narrow(0, 4, 5).fill_(false);
    auto e = model->emissions(ids, mask);
    CHECK(e.sizes() == torch::IntArrayRef{3, 9, 5});
    auto paths = model->decode(ids, mask);
    REQUIRE(paths.size() == 3);
    CHECK(paths[0].size() == 9);
    CHECK(paths[1].size() == 4);
    for (const auto& p : paths)
      for (auto id : p) CHECK((id >= 0 && id < 5));
    auto m = model->marginals(ids, mask);
    CHECK(m.sizes() == torch::IntArrayRef{3, 9, 5});
    CHECK(torch::allclose(m.sum(2), mask.to(torch::kFloat), 1e-4, 1e-4));
    auto loss = model->loss(ids, mask, torch::zeros({3, 9}, torch::kLong));
    CHECK(loss.dim() == 0);
    CHECK(std::isfinite(loss.item<double>()));
  }
}

TEST_CASE("a sentence scores the same alone and batched with longer ones", "[model][ner_model]") {
  torch::set_num_threads(2);
  std::vector<ModelConfig> configs;
  for (const auto& arch : all_archs()) configs.push_back(small(arch));
  configs.push_back(small("bilstm-crf"));
  configs.back().lstm_layers = 2;
  for (const auto& arch : {"embedding-crf", "bilstm-crf", "idcnn-softmax"}) configs.push_back(with_bigrams(small(arch)));
  for (const auto& config : configs) {
    INFO(config.arch << " with " << config.lstm_layers << " LSTM layers, bigrams " << config.bigram_dim);
    torch::manual_seed(11);
    NerModel model = make_model(config);
    model->eval();
    const int64_t len = 6;
    auto sentence = torch::randint(2, kVocab, {1, len}, torch::kLong);
    auto alone = model->emissions(sentence, torch::ones({1, len}, torch::kBool));
    auto alone_paths = model->decode(sentence, torch::ones({1, len}, torch::kBool));
    auto alone_marginals = model->marginals(sentence, torch::ones({1, len}, torch::kBool));
    // Row 1 holds the sentence followed by padding; the padding ids are real tokens, not <pad>,
    // so a layer that read them would change the scores.
    const int64_t steps = 17;
    auto ids = torch::randint(2, kVocab, {3, steps}, torch::kLong);
    ids[1].narrow(0, 0, len).copy_(sentence[0]);
    auto mask = torch::ones({3, steps}, torch::kBool);
    mask[1].narrow(0, len, steps - len).fill_(false);
    mask[2].narrow(0, 12, steps - 12).fill_(false);
    auto batched = model->emissions(ids, mask)[1].narrow(0, 0, len);
    CHECK(torch::allclose(batched, alone[0], 1e-5, 1e-5));
    CHECK(model->decode(ids, mask)[1] == alone_paths[0]);
    CHECK(torch::allclose(model->marginals(ids, mask)[1].narrow(0, 0, len), alone_marginals[0], 1e-5, 1e-5));
  }
}

TEST_CASE("the context layers see the whole sentence", "[model][ner_model]") {
  // The converse of the padding test: changing a token inside the sentence changes the scores of
  // its neighbours (the backward LSTM reads from the sentence's end, the convolutions reach out).
  torch::set_num_threads(2);
  for (const auto& arch : {"bilstm-crf", "idcnn-crf", "imconvnet-crf", "imconvnet-bilstm-crf"}) {
    INFO(arch);
    torch::manual_seed(12);
    NerModel model(small(arch), kVocab, kLabels);
    model->eval();
    auto ids = torch::randint(2, kVocab, {1, 8}, torch::kLong);
    auto mask = torch::ones({1, 8}, torch::kBool);
    auto before = model->emissions(ids, mask);
    auto changed = ids.clone();
    changed[0][4] = (ids[0][4].item<int64_t>() + 1 - 2) % (kVocab - 2) + 2;
    auto after = model->emissions(changed, mask);
    CHECK(!torch::allclose(before[0][3], after[0][3]));  // the token before it
  }
}

TEST_CASE("parameter counts follow the sizes", "[model][ner_model]") {
  const int64_t L = 5, V = kVocab;
  auto crf = L * L + 2 * L;
  SECTION("bilstm-crf") {
    auto c = small("bilstm-crf");
    const int64_t E = c.embedding_dim, H = c.lstm_hidden;
    const int64_t lstm = 2 * (4 * H * (E + H) + 2 * 4 * H);
    CHECK(NerModel(c, V, kLabels)->parameter_count() == V * E + lstm + (2 * H * L + L) + crf);
  }
  SECTION("idcnn-crf shares its block's weights across iterations") {
    auto c = small("idcnn-crf");
    const int64_t E = c.embedding_dim, F = c.idcnn_filters, K = c.idcnn_kernel;
    const int64_t convs = (E * F * K + F) + 3 * (F * F * K + F);
    CHECK(NerModel(c, V, kLabels)->parameter_count() == V * E + convs + (4 * F * L + L) + crf);
    c.idcnn_iterations = 2;
    CHECK(NerModel(c, V, kLabels)->parameter_count() == V * E + convs + (2 * F * L + L) + crf);
  }
  SECTION("imconvnet-crf") {
    auto c = small("imconvnet-crf");
    const int64_t E = c.embedding_dim, K = c.imconvnet_kernel;
    const auto& w = c.imconvnet_widths;
    const auto& d = c.imconvnet_depths;
    int64_t n = (E * w[0] * 4 + w[0]) + 2 * w[0];  // stem + its LayerNorm
    int64_t total_width = 0;
    for (std::size_t s = 0; s < w.size(); ++s) {
      if (s > 0) n += 2 * w[s - 1] + (w[s - 1] * w[s] * 2 + w[s]);  // LayerNorm + kernel-2 conv
      const int64_t block = (w[s] * K + w[s]) + 2 * w[s] + (w[s] * 4 * w[s] + 4 * w[s]) + (4 * w[s] * w[s] + w[s]) + w[s];
      n += d[s] * block;
      total_width += w[s];
    }
    CHECK(NerModel(c, V, kLabels)->parameter_count() == V * E + n + (total_width * L + L) + crf);
  }
}

TEST_CASE("every architecture learns a toy task", "[model][ner_model]") {
  // Tokens 2..9 are entity X, 10..17 entity Y, the rest O; an entity is a run of its tokens.
  torch::set_num_threads(2);
  auto make_batch = [](int64_t batch, int64_t steps) {
    auto ids = torch::randint(2, kVocab, {batch, steps}, torch::kLong);
    auto labels = torch::zeros({batch, steps}, torch::kLong);
    auto id = ids.accessor<int64_t, 2>();
    auto y = labels.accessor<int64_t, 2>();
    for (int64_t b = 0; b < batch; ++b) {
      int64_t prev = 0;
      for (int64_t t = 0; t < steps; ++t) {
        int64_t type = id[b][t] < 10 ? 1 : id[b][t] < 18 ? 2 : 0;
        y[b][t] = type == 0 ? 0 : (prev == type ? 2 * type : 2 * type - 1);
        prev = type;
      }
    }
    return std::make_pair(ids, labels);
  };
  for (const auto& arch : all_archs()) {
    // Without a context layer a softmax cannot tell B-X from I-X: it sees one token.
    if (arch == "embedding-softmax") continue;
    INFO(arch);
    torch::manual_seed(13);
    auto c = small(arch);
    c.dropout = 0.0;
    NerModel model(c, kVocab, kLabels);
    torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(0.02));
    auto [ids, labels] = make_batch(16, 12);
    auto mask = torch::ones({16, 12}, torch::kBool);
    model->train();
    const double first = model->loss(ids, mask, labels).item<double>();
    for (int step = 0; step < 60; ++step) {
      optimizer.zero_grad();
      auto loss = model->loss(ids, mask, labels);
      loss.backward();
      optimizer.step();
    }
    model->eval();
    const double last = model->loss(ids, mask, labels).item<double>();
    CHECK(last < 0.25 * first);
    auto paths = model->decode(ids, mask);
    int64_t right = 0;
    for (int64_t b = 0; b < 16; ++b)
      for (int64_t t = 0; t < 12; ++t) right += paths[static_cast<std::size_t>(b)][static_cast<std::size_t>(t)] == labels[b][t].item<int64_t>();
    CHECK(right > 0.95 * 16 * 12);
  }
}

TEST_CASE("every architecture runs under CPU bf16 autocast, close to float32", "[model][ner_model]") {
  // LibTorch 1.13's CPU layer_norm refused bf16 inputs with float32 weights (imConvNet's norms).
  torch::set_num_threads(2);
  for (const auto& arch : all_archs()) {
    INFO(arch);
    torch::manual_seed(12);
    NerModel model(small(arch), kVocab, kLabels);
    model->eval();
    auto ids = torch::randint(2, kVocab, {2, 7}, torch::kLong);
    auto mask = torch::ones({2, 7}, torch::kBool);
    mask[1].narrow(0, 3, 4).fill_(false);
    const auto reference = model->emissions(ids, mask);
    torch::Tensor bf16;
    {
      const ner::Bf16Autocast autocast(true, torch::kCPU);
      bf16 = model->emissions(ids, mask);
      CHECK(model->decode(ids, mask).size() == 2);
    }
    REQUIRE(bf16.sizes() == reference.sizes());
    CHECK(bf16.isfinite().all().item<bool>());
    // bf16 keeps 8 bits of mantissa: a few hundredths on scores of order one.
    CHECK((bf16.to(torch::kFloat) - reference).abs().max().item<double>() < 0.1);
  }
}

TEST_CASE("drop path is random in training and off in evaluation", "[model][ner_model]") {
  torch::set_num_threads(2);
  torch::manual_seed(14);
  auto c = small("imconvnet-crf");
  c.drop_path = 0.5;
  c.dropout = 0.0;
  NerModel model(c, kVocab, kLabels);
  auto ids = torch::randint(2, kVocab, {4, 7}, torch::kLong);
  auto mask = torch::ones({4, 7}, torch::kBool);
  model->train();
  CHECK(!torch::allclose(model->emissions(ids, mask), model->emissions(ids, mask)));
  model->eval();
  CHECK(torch::equal(model->emissions(ids, mask), model->emissions(ids, mask)));
}

TEST_CASE("a model refuses bad configurations", "[model][ner_model]") {
  auto c = ModelConfig::from_arch("bilstm-crf");
  c.context = "transformer";
  CHECK_THROWS_AS(NerModel(c, kVocab, kLabels), ner::UsageError);
  c = ModelConfig::from_arch("bilstm-crf");
  c.scheme = "ioe2";  // B- labels do not exist in IOE2
  CHECK_THROWS_AS(NerModel(c, kVocab, kLabels), ner::UsageError);
  c.constrained_decoding = false;
  CHECK_NOTHROW(NerModel(c, kVocab, kLabels));
}

TEST_CASE("sentences reverse within their lengths", "[model][bilstm]") {
  auto x = torch::arange(12, torch::kFloat).view({2, 6, 1});
  auto mask = torch::tensor({1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1}, torch::kBool).view({2, 6});
  auto r = ner::reverse_within_length(x, mask);
  CHECK(torch::equal(r.view(-1), torch::tensor({3.f, 2.f, 1.f, 0.f, 4.f, 5.f, 11.f, 10.f, 9.f, 8.f, 7.f, 6.f})));
  CHECK(torch::equal(ner::reverse_within_length(r, mask), x));
}
