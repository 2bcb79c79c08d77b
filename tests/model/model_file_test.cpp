// The model file: a faithful round trip, and clear errors (never a crash) on damaged files.
#include "tests/model/torch_catch.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <random>
#include <unistd.h>
#include <fstream>
#include <iterator>

#include "libner/io/error.h"
#include "libner/model/bigrams.h"
#include "libner/model/embedding_encoder.h"
#include "libner/model/model_file.h"
#include "libner/model/ner_model.h"
#include "libner/model/tensor_io.h"

using ner::ModelConfig;
using ner::NerModel;

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("ner-model-test-" + std::to_string(::getpid()) + "-" + name)).string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

std::string error_message(const std::function<void()>& f) {
  try {
    f();
  } catch (const ner::Error& e) {
    return e.message();
  }
  return "(no error)";
}

struct Saved {
  ModelConfig config;
  ner::Vocabulary vocabulary;
  std::vector<std::string> labels{"O", "B-X", "I-X"};
  std::string path;
};

Saved save_small_model(const std::string& arch, NerModel* out = nullptr) {
  Saved s;
  s.config = ModelConfig::from_arch(arch);
  s.config.embedding_dim = 6;
  s.config.lstm_hidden = 4;
  s.config.imconvnet_depths = {1, 1};
  s.config.imconvnet_widths = {8, 8};
  for (const char* t : {"患", "者", "无", "发", "热"}) s.vocabulary.add(t);
  s.path = temp_path(arch + ".nermodel");
  NerModel model(s.config, static_cast<int64_t>(s.vocabulary.size()), s.labels);
  ner::save_model(s.path, s.config, s.vocabulary, s.labels, model, nlohmann::json{{"epochs", 3}});
  if (out) *out = model;
  return s;
}

}  // namespace

TEST_CASE("a saved model loads with the same weights and predictions", "[model][model_file]") {
  torch::set_num_threads(2);
  for (const auto& arch : {"bilstm-crf", "imconvnet-bilstm-crf", "idcnn-softmax"}) {
    INFO(arch);
    torch::manual_seed(20);
    NerModel model(nullptr);
    auto s = save_small_model(arch, &model);
    model->eval();
    auto loaded = ner::load_model(s.path, "cpu");
    CHECK(loaded.config.to_json() == s.config.to_json());
    CHECK(loaded.labels == s.labels);
    CHECK(loaded.vocabulary.tokens() == s.vocabulary.tokens());
    CHECK(loaded.header["info"]["epochs"] == 3);
    CHECK(!loaded.model->is_training());
    auto original = ner::module_tensors(*model);
    auto reloaded = ner::module_tensors(*loaded.model);
    REQUIRE(original.size() == reloaded.size());
    for (std::size_t i = 0; i < original.size(); ++i) {
      CHECK(original[i].first == reloaded[i].first);
      CHECK(torch::equal(original[i].second, reloaded[i].second));
      // Convolution weights [F,C,k] keep the layout masked_conv wants, [F,k,C] in memory.
      if (reloaded[i].second.dim() == 3) CHECK(reloaded[i].second.permute({0, 2, 1}).is_contiguous());
    }
    auto ids = torch::randint(0, 7, {2, 5}, torch::kLong);
    auto mask = torch::ones({2, 5}, torch::kBool);
    CHECK(ner::NerModel(loaded.model)->decode(ids, mask) == model->decode(ids, mask));

    auto header = ner::read_model_header(s.path);
    CHECK(header["format_version"] == ner::kModelFormatVersion);
    CHECK(header["file_bytes"] == std::filesystem::file_size(s.path));
    CHECK(header["parameters"] == model->parameter_count());
    CHECK(header["labels"] == s.labels);
    std::filesystem::remove(s.path);
  }
}

TEST_CASE("a model with bigram embeddings loads with its bigrams and tags the same", "[model][model_file][bigrams]") {
  torch::set_num_threads(2);
  torch::manual_seed(21);
  auto config = ModelConfig::from_arch("bilstm-crf");
  config.embedding_dim = 6;
  config.lstm_hidden = 4;
  config.bigram_dim = 5;
  ner::Vocabulary vocabulary;
  for (const char* t : {"患", "者", "无", "发", "热"}) vocabulary.add(t);
  const auto size = static_cast<int64_t>(vocabulary.size());
  const auto keys = ner::collect_bigram_keys({{2, 3, 4}, {5, 6}, {2, 3}}, size, 1);
  config.bigram_vocab_size = static_cast<int64_t>(keys.size());
  const std::vector<std::string> labels{"O", "B-X", "I-X"};
  NerModel model(config, size, labels);
  model->embedding_encoder("test").set_bigram_keys(keys);
  model->eval();
  const auto path = temp_path("bigrams.nermodel");
  ner::save_model(path, config, vocabulary, labels, model, nlohmann::json::object());
  auto loaded = ner::load_model(path, "cpu");
  CHECK(loaded.config.to_json() == config.to_json());
  auto stored = ner::module_tensors(*loaded.model);
  auto it = std::find_if(stored.begin(), stored.end(), [](const auto& t) { return t.first == "encoder.bigram_keys"; });
  REQUIRE(it != stored.end());
  CHECK(torch::equal(it->second, torch::tensor(keys, torch::kLong)));
  // Known and unknown bigrams alike, with padding.
  auto ids = torch::randint(1, size, {3, 6}, torch::kLong);
  ids[0].narrow(0, 0, 3).copy_(torch::tensor({2, 3, 4}, torch::kLong));
  auto mask = torch::ones({3, 6}, torch::kBool);
  mask[1].narrow(0, 2, 4).fill_(false);
  NerModel reloaded(loaded.model);
  CHECK(torch::equal(reloaded->emissions(ids, mask), model->emissions(ids, mask)));
  CHECK(reloaded->decode(ids, mask) == model->decode(ids, mask));
  std::filesystem::remove(path);
}

TEST_CASE("damaged model files give clear errors", "[model][model_file]") {
  torch::set_num_threads(2);
  torch::manual_seed(21);
  auto s = save_small_model("bilstm-crf");
  const std::string good = read_file(s.path);
  const std::string bad = temp_path("bad.nermodel");
  auto load_message = [&](const std::string& bytes) {
    write_file(bad, bytes);
    return error_message([&] { ner::load_model(bad, "cpu"); });
  };

  CHECK(error_message([&] { ner::load_model(temp_path("absent"), "cpu"); }).find("cannot open") == 0);
  CHECK(load_message("") == "not a ner model file");
  CHECK(load_message("# a CoNLL file\n患\tO\n") == "not a ner model file");
  CHECK(load_message(std::string(1000, '\0')) == "not a ner model file");
  CHECK(load_message("NERM") == "truncated model file");

  // Every prefix is refused as truncated (sampled: the small ones all, then a spread).
  for (std::size_t n = 8; n < good.size(); n += n < 64 ? 1 : good.size() / 97) {
    INFO("prefix of " << n << " bytes of " << good.size());
    CHECK(load_message(good.substr(0, n)) == "truncated model file");
  }
  CHECK(error_message([&] { write_file(bad, good.substr(0, good.size() - 10)); ner::read_model_header(bad); }) ==
        "truncated model file");

  // A flipped bit in the version field is damage; a version that the header repeats is a newer file.
  std::string version_flip = good;
  version_flip[8] ^= 0x08;
  CHECK(load_message(version_flip) == "model file is corrupt (format version 9 disagrees with the header)");
  ner::write_container(bad, "NERMODEL", 9, {{"config", "from the future"}}, "weights");
  CHECK(error_message([&] { ner::load_model(bad, "cpu"); }) ==
        "model file format version 9 is newer than this ner (1); use a newer ner");

  std::string payload_flip = good;
  payload_flip[good.size() - 20] ^= 0x40;
  CHECK(load_message(payload_flip) == "model file is corrupt (checksum mismatch)");
  // The header alone does not read the weights.
  write_file(bad, payload_flip);
  CHECK_NOTHROW(ner::read_model_header(bad));

  std::string header_flip = good;
  header_flip[30] ^= 0x01;
  CHECK(load_message(header_flip) == "model file is corrupt (header checksum mismatch)");

  CHECK(load_message(good + "x") == "model file is corrupt (bytes after the end)");

  // Random garbage after a valid magic never crashes.
  std::mt19937 rng(7);
  for (int i = 0; i < 50; ++i) {
    std::string junk = good.substr(0, 8 + rng() % 40);
    for (int j = 0; j < 200; ++j) junk += static_cast<char>(rng());
    CHECK(load_message(junk) != "(no error)");
  }
  std::filesystem::remove(bad);
  std::filesystem::remove(s.path);
}

TEST_CASE("weights that do not fit the architecture are named", "[model][model_file]") {
  torch::set_num_threads(2);
  const std::vector<std::string> labels{"O", "B-X", "I-X"};
  NerModel small(ModelConfig::from_arch("bilstm-crf"), 10, labels);
  auto tensors = ner::module_tensors(*small);
  auto c = ModelConfig::from_arch("bilstm-crf");
  c.lstm_hidden = 64;
  NerModel other(c, 10, labels);
  auto message = error_message([&] { ner::load_module_tensors(*other, tensors, "f"); });
  CHECK(message.find("wrong shape: context.forward.0.weight_ih_l0 [512,100] for [256,100]") != std::string::npos);
  tensors.pop_back();
  tensors.emplace_back("extra", torch::zeros({1}));
  message = error_message([&] { ner::load_module_tensors(*small, tensors, "f"); });
  CHECK(message.find("missing: ") != std::string::npos);
  CHECK(message.find("unexpected: extra") != std::string::npos);
}

TEST_CASE("tensors of every dtype survive serialisation", "[model][tensor_io]") {
  ner::NamedTensors tensors{
      {"f32", torch::randn({3, 4})},
      {"f64", torch::randn({2}, torch::kDouble)},
      {"f16", torch::randn({5}).to(torch::kHalf)},
      {"bf16", torch::randn({2, 2}).to(torch::kBFloat16)},
      {"i64", torch::randint(-100, 100, {7}, torch::kLong)},
      {"i32", torch::randint(-100, 100, {1, 2, 3}, torch::kInt)},
      {"u8", torch::randint(0, 255, {4}, torch::kByte)},
      {"bool", torch::rand({6}) > 0.5},
      {"scalar", torch::tensor(3.5)},
      {"empty", torch::zeros({0, 3})},
      {"strided", torch::randn({4, 4}).t()},
  };
  auto back = ner::decode_tensors(ner::encode_tensors(tensors), "x");
  REQUIRE(back.size() == tensors.size());
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    INFO(tensors[i].first);
    CHECK(back[i].first == tensors[i].first);
    CHECK(back[i].second.scalar_type() == tensors[i].second.scalar_type());
    CHECK(torch::equal(back[i].second, tensors[i].second));
  }
  auto bytes = ner::encode_tensors(tensors);
  CHECK_THROWS_AS(ner::decode_tensors(std::string_view(bytes).substr(0, bytes.size() - 1), "x"), ner::Error);
  CHECK_THROWS_AS(ner::decode_tensors(bytes + "z", "x"), ner::Error);

  const auto path = temp_path("tensors.bin");
  ner::write_tensor_file(path, nlohmann::json{{"epoch", 4}}, tensors);
  auto [header, read] = ner::read_tensor_file(path);
  CHECK(header["epoch"] == 4);
  CHECK(read.size() == tensors.size());
  CHECK(error_message([&] { ner::load_model(path, "cpu"); }) == "not a ner model file");
  std::filesystem::remove(path);
}
