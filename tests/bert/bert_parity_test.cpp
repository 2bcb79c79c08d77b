// Parity with HuggingFace transformers: the fixture folder (config.json, vocab.txt,
// model.safetensors, reference.json) holds BertTokenizer / BertTokenizerFast results and BertModel
// outputs for a set of texts. Everything is read from the folder, so any BERT in that layout works:
// NER_BERT_FIXTURE=/path/to/folder ctest -R parity. NER_TEST_DEVICE=cuda runs the encoder on the GPU.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>
// c10 defines a glog-style CHECK(cond); Catch's must win in this file.
#undef CHECK
#include <catch2/catch.hpp>

#include "libner/bert/bert_directory.h"
#include "libner/bert/bert_encoder.h"

using namespace ner::bert;

namespace {

std::string fixture_dir() {
  if (const char* f = std::getenv("NER_BERT_FIXTURE"); f && *f) return f;
  const char* data = std::getenv("NER_DATA");
  return std::string(data && *data ? data : "../shared/data") + "/bert/tiny-bert-chinese";
}

bool has_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// [T, H] reference rows as a tensor.
torch::Tensor to_tensor(const nlohmann::json& rows) {
  std::vector<float> flat;
  std::int64_t width = 0;
  for (const auto& row : rows) {
    width = static_cast<std::int64_t>(row.size());
    for (const auto& v : row) flat.push_back(v.get<float>());
  }
  return torch::tensor(flat).view({static_cast<std::int64_t>(rows.size()), width});
}

double max_abs_diff(const torch::Tensor& a, const torch::Tensor& b) {
  REQUIRE(a.sizes() == b.sizes());
  return (a - b).abs().max().item<double>();
}

}  // namespace

TEST_CASE("bert parity: tokens, offsets and hidden states match transformers", "[bert][parity]") {
  const std::string dir = fixture_dir();
  if (!has_file(dir + "/reference.json")) {
    WARN("skipped: no BERT fixture at " << dir << " (set NER_BERT_FIXTURE or NER_DATA)");
    return;
  }
  const auto folder = read_bert_directory(dir);
  nlohmann::json ref;
  std::ifstream(dir + "/reference.json") >> ref;
  const auto& cases = ref.at("cases");
  REQUIRE(!cases.empty());

  const char* device_name = std::getenv("NER_TEST_DEVICE");
  const torch::Device device(device_name && *device_name ? device_name : "cpu");
  if (device.is_cuda() && !torch::cuda::is_available()) {
    WARN("skipped: NER_TEST_DEVICE=cuda but CUDA is not available");
    return;
  }
  auto encoder = load_bert_encoder(folder, /*with_pooler=*/true);
  encoder->eval();
  encoder->to(device);
  torch::NoGradGuard no_grad;
  constexpr double kTolerance = 1e-4;
  int compared_states = 0;

  for (const auto& c : cases) {
    const std::string text = c.at("text");
    auto options = folder.tokenizer_options;
    options.do_lower_case = c.at("do_lower_case");
    options.strip_accents.reset();  // BertTokenizer's default follows do_lower_case
    const WordPieceTokenizer tokenizer(folder.vocab, options);
    INFO("text: " << text << " (do_lower_case " << options.do_lower_case << ")");

    std::vector<std::string> tokens;
    std::vector<std::int32_t> ids;
    for (const auto& p : tokenizer.tokenize(text)) {
      tokens.push_back(p.text);
      ids.push_back(p.id);
    }
    CHECK(tokens == c.at("slow_tokens").get<std::vector<std::string>>());
    CHECK(ids == c.at("slow_ids").get<std::vector<std::int32_t>>());

    const auto input = tokenizer.encode(text);
    CHECK(input.ids == c.at("input_ids").get<std::vector<std::int32_t>>());
    std::vector<std::string> fast_tokens;
    for (auto id : input.ids) fast_tokens.push_back(folder.vocab.piece(id));
    CHECK(fast_tokens == c.at("fast_tokens").get<std::vector<std::string>>());
    std::vector<std::pair<std::size_t, std::size_t>> offsets;
    for (const auto& o : c.at("offsets")) offsets.emplace_back(o.at(0).get<std::size_t>(), o.at(1).get<std::size_t>());
    CHECK(input.offsets == offsets);

    if (c.contains("last_hidden_state")) {
      const auto ids_tensor = torch::tensor(std::vector<std::int64_t>(input.ids.begin(), input.ids.end())).unsqueeze(0);
      const auto on_device = ids_tensor.to(device);
      const auto hidden_on_device = encoder->forward(on_device, torch::ones_like(on_device));
      const auto hidden = hidden_on_device.cpu();
      const double diff = max_abs_diff(hidden[0], to_tensor(c.at("last_hidden_state")));
      INFO("last_hidden_state max abs diff " << diff);
      CHECK(diff <= kTolerance);
      ++compared_states;
      if (c.contains("pooler_output")) {
        const auto pooled = encoder->pool(hidden_on_device).cpu()[0];
        const auto expected = torch::tensor(c.at("pooler_output").get<std::vector<float>>());
        const double pdiff = max_abs_diff(pooled, expected);
        INFO("pooler_output max abs diff " << pdiff);
        CHECK(pdiff <= kTolerance);
      }
    }
  }
  CHECK(compared_states > 0);

  if (ref.contains("batch")) {
    const auto& batch = ref.at("batch");
    std::vector<std::int64_t> ids, mask;
    for (const auto& row : batch.at("input_ids"))
      for (const auto& v : row) ids.push_back(v.get<std::int64_t>());
    for (const auto& row : batch.at("attention_mask"))
      for (const auto& v : row) mask.push_back(v.get<std::int64_t>());
    const auto rows = static_cast<std::int64_t>(batch.at("input_ids").size());
    const auto ids_tensor = torch::tensor(ids).view({rows, -1});
    const auto hidden =
        encoder->forward(ids_tensor.to(device), torch::tensor(mask).view({rows, -1}).to(device)).cpu();
    for (std::int64_t r = 0; r < rows; ++r) {
      const auto expected = to_tensor(batch.at("last_hidden_state").at(r));
      // Padded positions included: BertModel computes them with the same mask.
      const double diff = max_abs_diff(hidden[r], expected);
      INFO("batch row " << r << ": last_hidden_state max abs diff " << diff);
      CHECK(diff <= kTolerance);
    }
  }
}
