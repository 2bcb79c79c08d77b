#include "tests/model/torch_catch.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "libner/io/error.h"
#include "libner/model/model_config.h"
#include "libner/model/ner_model.h"
#include "libner/model/vocabulary.h"
#include "libner/model/word2vec.h"

using ner::ModelConfig;
using ner::Vocabulary;

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("ner-model-test-" + std::to_string(::getpid()) + "-" + name)).string();
}

void write_file(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST_CASE("architecture presets name their parts", "[model][config]") {
  auto c = ModelConfig::from_arch("imconvnet-bilstm-crf");
  CHECK(c.arch == "imconvnet-bilstm-crf");
  CHECK(c.encoder == "embedding");
  CHECK(c.context == "imconvnet-bilstm");
  CHECK(c.decoder == "crf");
  CHECK(ModelConfig::from_arch("idcnn-softmax").decoder == "softmax");
  for (const auto& name : ModelConfig::arch_names()) CHECK_NOTHROW(ModelConfig::from_arch(name).validate());
  try {
    ModelConfig::from_arch("transformer-crf");
    FAIL("no error");
  } catch (const ner::UsageError& e) {
    CHECK(std::string(e.what()).find("bilstm-crf, idcnn-crf") != std::string::npos);
  }
}

TEST_CASE("a model configuration survives JSON", "[model][config]") {
  auto c = ModelConfig::from_arch("idcnn-crf");
  c.embedding_dim = 64;
  c.imconvnet_widths = {32, 64, 96, 128};
  c.drop_path = 0.1;
  c.scheme = "iobes";
  c.constrained_training = true;
  auto back = ModelConfig::from_json(nlohmann::json::parse(c.to_json().dump()));
  CHECK(back.to_json() == c.to_json());
  CHECK(ModelConfig::from_json(nlohmann::json::object()).to_json() == ModelConfig().to_json());
  CHECK_THROWS_AS(ModelConfig::from_json(nlohmann::json{{"embedding_dim", "big"}}), ner::Error);
  CHECK_THROWS_AS(ModelConfig::from_json(nlohmann::json{{"decoder", "hmm"}}), ner::Error);
  CHECK_THROWS_AS(ModelConfig::from_json(nlohmann::json{{"imconvnet_depths", {1, 2}}}), ner::Error);
  CHECK_THROWS_AS(ModelConfig::from_json(nlohmann::json::array()), ner::Error);
}

TEST_CASE("configurations are validated", "[model][config]") {
  auto c = ModelConfig::from_arch("bilstm-crf");
  c.dropout = 1.0;
  CHECK_THROWS_AS(c.validate(), ner::UsageError);
  c = ModelConfig::from_arch("bilstm-crf");
  c.scheme = "xyz";
  CHECK_THROWS_AS(c.validate(), ner::UsageError);
  c = ModelConfig::from_arch("bilstm-crf");
  c.idcnn_dilations.clear();
  CHECK_THROWS_AS(c.validate(), ner::UsageError);
}

TEST_CASE("the vocabulary keeps pad and unk first", "[model][vocabulary]") {
  Vocabulary v;
  CHECK(v.size() == 2);
  CHECK(v.id("<pad>") == Vocabulary::kPad);
  CHECK(v.id("患") == Vocabulary::kUnk);
  CHECK(v.add("患") == 2);
  CHECK(v.add("患") == 2);
  CHECK(v.token(2) == "患");
  CHECK_THROWS_AS(v.token(3), std::out_of_range);
  auto back = Vocabulary::from_json(nlohmann::json::parse(v.to_json().dump()));
  CHECK(back.tokens() == v.tokens());
  CHECK_THROWS_AS(Vocabulary::from_json(nlohmann::json{"a", "b"}), ner::Error);
  CHECK_THROWS_AS(Vocabulary::from_json(nlohmann::json{"<pad>", "<unk>", "a", "a"}), ner::Error);
  CHECK_THROWS_AS(Vocabulary::from_json(nlohmann::json{"<pad>", "<unk>", 3}), ner::Error);
}

TEST_CASE("the vocabulary counter orders by count and drops rare tokens", "[model][vocabulary]") {
  ner::VocabularyCounter counter;
  for (const char* t : {"b", "a", "c", "a", "b", "d", "a", "<unk>"}) counter.count(t);
  auto v = counter.build(2);
  CHECK(v.tokens() == std::vector<std::string>{"<pad>", "<unk>", "a", "b"});
  CHECK(counter.build(1).tokens() == std::vector<std::string>{"<pad>", "<unk>", "a", "b", "c", "d"});
}

TEST_CASE("word2vec text files load into the embeddings", "[model][word2vec]") {
  torch::set_num_threads(2);
  const auto path = temp_path("vectors.txt");
  write_file(path, "3 4\n患 1 2 3 4\n者 0.5 -0.5 0.25 1e-2\nzz 9 9 9 9\n");
  auto c = ModelConfig::from_arch("bilstm-crf");
  c.embedding_dim = 4;
  c.lstm_hidden = 3;
  Vocabulary v;
  v.add("者");
  v.add("患");
  v.add("病");
  ner::NerModel model(c, static_cast<int64_t>(v.size()), std::vector<std::string>{"O", "B-X", "I-X"});
  auto before = model->named_parameters()["encoder.embedding.weight"].clone();
  CHECK(model->load_embeddings(v, path) == 2);
  auto weight = model->named_parameters()["encoder.embedding.weight"];
  CHECK(torch::allclose(weight[3], torch::tensor({1.f, 2.f, 3.f, 4.f})));
  CHECK(torch::allclose(weight[2], torch::tensor({0.5f, -0.5f, 0.25f, 0.01f})));
  CHECK(torch::equal(weight[4], before[4]));  // 病 is not in the file
  CHECK(torch::equal(weight[0], torch::zeros({4})));

  write_file(path, "3 5\n患 1 2 3 4 5\n");
  CHECK_THROWS_WITH(model->load_embeddings(v, path), Catch::Contains(":1: embeddings of dimension 5"));
  write_file(path, "患 1 2 3 4\n者 1 2 3\n");
  CHECK_THROWS_WITH(model->load_embeddings(v, path), Catch::Contains(":2: expected a token and 4 values"));
  write_file(path, "患 1 2 x 4\n");
  CHECK_THROWS_WITH(model->load_embeddings(v, path), Catch::Contains(":1: not a number: 'x'"));
  std::filesystem::remove(path);
}
