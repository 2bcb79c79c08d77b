#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include <torch/torch.h>
// c10 defines a glog-style CHECK(cond); Catch's must win in this file.
#undef CHECK
#include <catch2/catch.hpp>

#include "libner/bert/bert_directory.h"
#include "libner/bert/bert_encoder.h"
#include "libner/io/error.h"

using namespace ner::bert;

namespace {

std::string scratch_dir() {
  char tmpl[] = "/tmp/ner-bert-test-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  return tmpl;
}

BertConfig tiny_config() {
  BertConfig c;
  c.vocab_size = 40;
  c.hidden_size = 16;
  c.num_hidden_layers = 2;
  c.num_attention_heads = 4;
  c.intermediate_size = 24;
  c.max_position_embeddings = 12;
  c.initializer_range = 0.5;  // large weights, so that a wrong computation shows
  return c;
}

// Writes named tensors in a chosen dtype, as another tool's checkpoint would have them.
struct Checkpoint {
  std::vector<torch::Tensor> keep;
  std::vector<TensorBytes> tensors;
  void add(const std::string& name, const torch::Tensor& t, DType dtype) {
    const auto type = dtype == DType::F16 ? torch::kHalf
                      : dtype == DType::BF16 ? torch::kBFloat16
                      : dtype == DType::I64  ? torch::kLong
                                             : torch::kFloat;
    keep.push_back(t.detach().to(type).contiguous());
    tensors.push_back({name, dtype, keep.back().sizes().vec(), keep.back().data_ptr(),
                       static_cast<std::size_t>(keep.back().nbytes())});
  }
  void write(const std::string& path) { write_safetensors(path, tensors); }
};

std::string load_error(BertEncoder& encoder, const std::string& path) {
  try {
    encoder->load_weights(SafetensorsFile(path));
  } catch (const ner::Error& e) {
    return e.what();
  }
  return "";
}

torch::Tensor sample_ids() { return torch::tensor({{2, 7, 8, 9, 10, 3}, {2, 11, 12, 3, 0, 0}}, torch::kLong); }

}  // namespace

TEST_CASE("bert encoder: parameters carry HuggingFace's names and shapes", "[bert][encoder]") {
  BertEncoder encoder(tiny_config(), true);
  std::map<std::string, std::vector<std::int64_t>> shapes;
  for (const auto& p : encoder->named_parameters()) shapes[p.key()] = p.value().sizes().vec();
  CHECK(shapes.size() == 5 + 2 * 16 + 2);
  CHECK(shapes.at("embeddings.word_embeddings.weight") == std::vector<std::int64_t>{40, 16});
  CHECK(shapes.at("embeddings.position_embeddings.weight") == std::vector<std::int64_t>{12, 16});
  CHECK(shapes.at("embeddings.LayerNorm.bias") == std::vector<std::int64_t>{16});
  CHECK(shapes.at("encoder.layer.1.attention.self.query.weight") == std::vector<std::int64_t>{16, 16});
  CHECK(shapes.at("encoder.layer.0.attention.output.LayerNorm.weight") == std::vector<std::int64_t>{16});
  CHECK(shapes.at("encoder.layer.0.intermediate.dense.weight") == std::vector<std::int64_t>{24, 16});
  CHECK(shapes.at("encoder.layer.1.output.dense.weight") == std::vector<std::int64_t>{16, 24});
  CHECK(shapes.at("pooler.dense.weight") == std::vector<std::int64_t>{16, 16});
  CHECK(encoder->hidden_size() == 16);
  CHECK(BertEncoder(tiny_config())->named_parameters().size() == 5 + 2 * 16);
}

TEST_CASE("bert encoder: weights round-trip through model.safetensors", "[bert][encoder]") {
  torch::manual_seed(1);
  const auto dir = scratch_dir();
  BertEncoder a(tiny_config(), true), b(tiny_config(), true);
  a->eval();
  b->eval();
  a->save_weights(dir + "/model.safetensors");
  torch::NoGradGuard no_grad;
  const auto ids = sample_ids();
  const auto mask = ids.ne(0);
  CHECK(!torch::allclose(a->forward(ids, mask), b->forward(ids, mask)));
  b->load_weights(SafetensorsFile(dir + "/model.safetensors"));
  CHECK(torch::equal(a->forward(ids, mask), b->forward(ids, mask)));
  CHECK(torch::equal(a->pool(a->forward(ids, mask)), b->pool(b->forward(ids, mask))));
}

TEST_CASE("bert encoder: bert. prefix, gamma/beta, f16/bf16 and extra heads load", "[bert][encoder]") {
  torch::manual_seed(2);
  const auto dir = scratch_dir();
  BertEncoder source(tiny_config());
  Checkpoint ck;
  bool half = false;
  for (const auto& p : source->named_parameters()) {
    std::string name = "bert." + p.key();
    if (name.size() > 16 && name.compare(name.size() - 16, 16, "LayerNorm.weight") == 0)
      name.replace(name.size() - 6, 6, "gamma");
    else if (name.size() > 14 && name.compare(name.size() - 14, 14, "LayerNorm.bias") == 0)
      name.replace(name.size() - 4, 4, "beta");
    ck.add(name, p.value(), (half = !half) ? DType::F16 : DType::BF16);
  }
  ck.add("bert.embeddings.position_ids", torch::arange(12).unsqueeze(0), DType::I64);
  ck.add("cls.predictions.bias", torch::zeros({40}), DType::F32);
  ck.add("cls.predictions.transform.dense.weight", torch::zeros({16, 16}), DType::F32);
  ck.add("cls.seq_relationship.weight", torch::zeros({2, 16}), DType::F32);
  ck.add("bert.pooler.dense.weight", torch::zeros({16, 16}), DType::F32);  // not asked for: skipped
  ck.write(dir + "/model.safetensors");

  BertEncoder loaded(tiny_config());
  REQUIRE(load_error(loaded, dir + "/model.safetensors").empty());
  auto params = loaded->named_parameters();
  for (const auto& p : source->named_parameters()) {
    const auto& got = params[p.key()];
    // Each value is the source's rounded through its half-precision type.
    CHECK(torch::allclose(got, p.value(), 1e-2, 1e-2));
    CHECK(got.scalar_type() == torch::kFloat);
  }
  const auto& w = params["embeddings.word_embeddings.weight"];  // written as F16
  CHECK(torch::equal(w, source->named_parameters()["embeddings.word_embeddings.weight"].to(torch::kHalf).to(torch::kFloat)));
}

TEST_CASE("bert encoder: missing, unexpected and misshapen tensors are listed", "[bert][encoder]") {
  const auto dir = scratch_dir();
  BertEncoder source(tiny_config());
  Checkpoint ck;
  for (const auto& p : source->named_parameters()) {
    if (p.key() == "encoder.layer.1.output.dense.bias") continue;
    if (p.key() == "encoder.layer.0.intermediate.dense.weight") {
      ck.add(p.key(), torch::zeros({25, 16}), DType::F32);
      continue;
    }
    ck.add(p.key(), p.value(), DType::F32);
  }
  ck.add("roberta.embeddings.word_embeddings.weight", torch::zeros({2, 2}), DType::F32);
  ck.write(dir + "/model.safetensors");
  BertEncoder target(tiny_config());
  const auto message = load_error(target, dir + "/model.safetensors");
  CHECK_THAT(message, Catch::StartsWith(dir + "/model.safetensors: "));
  CHECK_THAT(message, Catch::Contains("missing: encoder.layer.1.output.dense.bias"));
  CHECK_THAT(message, Catch::Contains("unexpected: roberta.embeddings.word_embeddings.weight"));
  CHECK_THAT(message, Catch::Contains("wrong shape: encoder.layer.0.intermediate.dense.weight [25, 16] (expected [24, 16])"));

  // A pooler that is asked for must be there.
  BertEncoder pooled(tiny_config(), true);
  source->save_weights(dir + "/plain.safetensors");
  CHECK_THAT(load_error(pooled, dir + "/plain.safetensors"), Catch::Contains("missing: pooler.dense.bias, pooler.dense.weight"));
}

TEST_CASE("bert encoder: padding does not change a sentence's outputs", "[bert][encoder]") {
  torch::manual_seed(3);
  BertEncoder encoder(tiny_config());
  encoder->eval();
  torch::NoGradGuard no_grad;
  const auto ids = sample_ids();
  const auto batched = encoder->forward(ids, ids.ne(0));
  const auto alone = encoder->forward(ids.slice(0, 1, 2).slice(1, 0, 4));
  CHECK(torch::allclose(batched.slice(0, 1, 2).slice(1, 0, 4), alone, 1e-5, 1e-5));
  // Without the mask the padding would leak in.
  const auto leaky = encoder->forward(ids);
  CHECK(!torch::allclose(leaky.slice(0, 1, 2).slice(1, 0, 4), alone, 1e-3, 1e-3));
  // Dropout only in training mode.
  CHECK(torch::equal(encoder->forward(ids, ids.ne(0)), batched));
  encoder->train();
  CHECK(!torch::equal(encoder->forward(ids, ids.ne(0)), batched));
}

TEST_CASE("bert encoder: activations and length limit", "[bert][encoder]") {
  torch::manual_seed(4);
  auto config = tiny_config();
  BertEncoder exact(config);
  exact->eval();
  const auto dir = scratch_dir();
  exact->save_weights(dir + "/m.safetensors");
  config.hidden_act = "gelu_new";
  BertEncoder tanh(config);
  tanh->eval();
  tanh->load_weights(SafetensorsFile(dir + "/m.safetensors"));
  torch::NoGradGuard no_grad;
  const auto ids = sample_ids();
  const auto a = exact->forward(ids), b = tanh->forward(ids);
  CHECK(torch::allclose(a, b, 1e-2, 1e-2));  // close, but not the same function
  CHECK(!torch::equal(a, b));
  CHECK_THROWS_WITH(exact->forward(torch::ones({1, 13}, torch::kLong)), Catch::Contains("max_position_embeddings (12)"));
  config.hidden_act = "mish";
  CHECK_THROWS_AS(BertEncoder(config), std::invalid_argument);
}

TEST_CASE("bert directory: config, vocabulary and weights files", "[bert][directory]") {
  const auto dir = scratch_dir();
  auto write = [&](const std::string& name, const std::string& text) { std::ofstream(dir + "/" + name) << text; };
  CHECK_THROWS_WITH(read_bert_directory(dir), Catch::Contains("no config.json"));
  write("config.json", R"({"model_type": "bert", "vocab_size": 6, "hidden_size": 8, "num_hidden_layers": 1,
    "num_attention_heads": 2, "intermediate_size": 16, "hidden_act": "gelu_new", "max_position_embeddings": 10})");
  CHECK_THROWS_WITH(read_bert_directory(dir), Catch::Contains("no vocab.txt"));
  write("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n病\n");
  write("pytorch_model.bin", "not really");
  CHECK_THROWS_WITH(read_bert_directory(dir), Catch::Contains("safetensors.torch import save_file"));
  BertConfig c;
  c.vocab_size = 6;
  c.hidden_size = 8;
  c.num_hidden_layers = 1;
  c.num_attention_heads = 2;
  c.intermediate_size = 16;
  c.max_position_embeddings = 10;
  BertEncoder(c)->save_weights(dir + "/model.safetensors");
  write("tokenizer_config.json", R"({"do_lower_case": false, "unk_token": {"content": "[UNK]"}})");
  const auto d = read_bert_directory(dir);
  CHECK(d.config.hidden_act == "gelu_new");
  CHECK(d.config.activation() == Activation::GeluTanh);
  CHECK(d.config.type_vocab_size == 2);  // transformers' default
  CHECK(d.vocab.size() == 6);
  CHECK_FALSE(d.tokenizer_options.do_lower_case);
  CHECK(d.tokenizer().encode("病").ids == std::vector<std::int32_t>{2, 5, 3});
  auto encoder = load_bert_encoder(d);
  CHECK(encoder->hidden_size() == 8);

  write("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n病\n人\n");
  CHECK_THROWS_WITH(read_bert_directory(dir), Catch::Contains("vocab_size is 6"));
  write("config.json", R"({"model_type": "roberta"})");
  CHECK_THROWS_WITH(read_bert_directory(dir), Catch::Contains("only \"bert\""));
  write("config.json", R"({"hidden_size": 10, "num_attention_heads": 3})");
  CHECK_THROWS_WITH(read_bert_directory(dir), Catch::Contains("not a multiple"));
  write("config.json", R"({"hidden_size": "big"})");
  CHECK_THROWS_WITH(read_bert_directory(dir), Catch::Contains("config.json: \"hidden_size\" has the wrong type"));

  const auto round = BertConfig::from_json(c.to_json());
  CHECK(round.to_json() == c.to_json());
}
