// The BERT rows (issue 5): a bert-crf model over a tiny random BERT written to a temporary
// HuggingFace-style folder (no data needed), its model file, and long records in windows.
#include "tests/model/torch_catch.h"

#include <unistd.h>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "libner/bert/bert_directory.h"
#include "libner/bert/bert_encoder.h"
#include "libner/io/error.h"
#include "libner/io/log.h"
#include "libner/io/remove_tree.h"
#include "libner/io/utf8.h"
#include "libner/model/bert_assets.h"
#include "libner/model/bert_encoder_part.h"
#include "libner/model/model_file.h"
#include "libner/model/ner_model.h"
#include "libner/tag/tagger.h"
#include "libner/tag/windows.h"
#include "libner/train/bert_training.h"
#include "libner/train/trainer.h"

namespace {

std::string scratch_dir() {
  char tmpl[] = "/tmp/ner-bert-rows-test-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  return tmpl;
}

// The characters of the toy task: symptoms 咳嗽 and 头痛 among filler characters.
const std::vector<std::string> kChars = {"患", "者", "有", "无", "发", "热", "咳", "嗽", "头", "痛", "今", "日", "，", "。"};

// A random BERT folder: config.json, vocab.txt, model.safetensors (libner/bert's writer).
std::string write_tiny_bert(int64_t max_positions = 64) {
  const auto dir = scratch_dir();
  std::vector<std::string> vocab = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
  vocab.insert(vocab.end(), kChars.begin(), kChars.end());
  ner::bert::BertConfig c;
  c.vocab_size = static_cast<int64_t>(vocab.size());
  c.hidden_size = 16;
  c.num_hidden_layers = 2;
  c.num_attention_heads = 4;
  c.intermediate_size = 32;
  c.max_position_embeddings = max_positions;
  std::ofstream(dir + "/config.json") << c.to_json().dump(2);
  std::ofstream out(dir + "/vocab.txt");
  for (const auto& piece : vocab) out << piece << "\n";
  out.close();
  torch::manual_seed(7);
  ner::bert::BertEncoder(c)->save_weights(dir + "/model.safetensors");
  return dir;
}

struct Toy {
  std::vector<std::vector<std::string>> tokens, labels;
};

// Sentences of filler with 咳嗽 / 头痛 labelled B-SYM I-SYM.
Toy toy_corpus(std::size_t sentences, std::size_t length, unsigned seed) {
  std::mt19937 rng(seed);
  Toy toy;
  for (std::size_t s = 0; s < sentences; ++s) {
    std::vector<std::string> t, l;
    while (t.size() < length) {
      const auto r = rng() % 8;
      if (r == 0 || r == 1) {
        t.push_back(r == 0 ? "咳" : "头");
        t.push_back(r == 0 ? "嗽" : "痛");
        l.push_back("B-SYM");
        l.push_back("I-SYM");
      } else {
        const std::vector<std::string> filler = {"患", "者", "有", "无", "发", "热", "今", "日", "，", "。"};
        t.push_back(filler[rng() % filler.size()]);
        l.push_back("O");
      }
    }
    toy.tokens.push_back(t);
    toy.labels.push_back(l);
  }
  return toy;
}

void write_conll(const std::string& path, const Toy& toy) {
  std::ofstream out(path);
  for (std::size_t s = 0; s < toy.tokens.size(); ++s) {
    for (std::size_t i = 0; i < toy.tokens[s].size(); ++i) out << toy.tokens[s][i] << "\t" << toy.labels[s][i] << "\n";
    out << "\n";
  }
}

ner::ModelConfig bert_config(const std::string& arch, const std::string& bert_dir) {
  auto config = ner::ModelConfig::from_arch(arch);
  config.lstm_hidden = 8;
  config.imconvnet_widths = {8, 8};
  config.imconvnet_depths = {1, 1};
  config.bert = ner::bert_assets_json(ner::bert::read_bert_directory(bert_dir));
  return config;
}

}  // namespace

TEST_CASE("bert rows: presets use the bert encoder", "[bert][rows]") {
  for (const auto* arch : {"bert-crf", "bert-softmax", "bert-bilstm-crf", "bert-imconvnet-crf", "bert-imconvnet-bilstm-crf"}) {
    const auto c = ner::ModelConfig::from_arch(arch);
    CHECK(c.encoder == "bert");
    CHECK_NOTHROW(c.validate());
  }
  CHECK(ner::ModelConfig::from_arch("bert-softmax").decoder == "softmax");
  CHECK(ner::ModelConfig::from_arch("bert-imconvnet-bilstm-crf").context == "imconvnet-bilstm");
  // Without BERT assets the encoder cannot be built, and says why.
  CHECK_THROWS_WITH(ner::NerModel(ner::ModelConfig::from_arch("bert-crf"), int64_t{2}, std::vector<std::string>{"O"}), Catch::Contains("--bert DIR"));
}

TEST_CASE("bert rows: every architecture runs forward with [CLS]/[SEP] and no padding leak", "[bert][rows]") {
  const auto dir = write_tiny_bert();
  for (const auto* arch : {"bert-crf", "bert-softmax", "bert-bilstm-crf", "bert-imconvnet-crf", "bert-imconvnet-bilstm-crf"}) {
    INFO(arch);
    const auto config = bert_config(arch, dir);
    ner::NerModel model(config, int64_t{2}, std::vector<std::string>{"O", "B-SYM", "I-SYM"});
    model->eval();
    ner::TokenIds ids(config, ner::Vocabulary());
    auto short_row = torch::tensor({ids("咳"), ids("嗽"), ids("患")}, torch::kInt64).unsqueeze(0);
    auto mask = torch::ones({1, 3}, torch::kBool);
    torch::NoGradGuard no_grad;
    const auto alone = model->emissions(short_row, mask);
    auto batch = torch::tensor({ids("咳"), ids("嗽"), ids("患"), 0L, 0L, ids("者"), ids("有"), ids("无"), ids("发"), ids("热")},
                               torch::kInt64)
                     .view({2, 5});
    auto batch_mask = torch::tensor({1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, torch::kBool).view({2, 5});
    const auto together = model->emissions(batch, batch_mask);
    CHECK(alone.size(2) == 3);
    CHECK(torch::allclose(alone[0], together[0].narrow(0, 0, 3), 1e-5, 1e-5));
  }
  // Characters outside the vocabulary become [UNK].
  const auto config = bert_config("bert-crf", dir);
  ner::TokenIds ids(config, ner::Vocabulary());
  CHECK(ids("癌") == 1);
  CHECK(ids("咳") == 5 + 6);
}

TEST_CASE("bert rows: bert-crf learns a toy task, the model file alone tags the same", "[bert][rows]") {
  const auto bert_dir = write_tiny_bert();
  const auto work = scratch_dir();
  const Toy train = toy_corpus(60, 12, 1), dev = toy_corpus(20, 12, 2);
  write_conll(work + "/train.conll", train);
  write_conll(work + "/dev.conll", dev);
  ner::TrainOptions o;
  o.train_path = work + "/train.conll";
  o.dev_path = work + "/dev.conll";
  o.model_path = work + "/m.ner";
  o.bert_path = bert_dir;
  o.epochs = 12;
  o.batch.sentences = 8;
  o.lr = 5e-3;
  o.bert_lr = 1e-3;
  o.accumulate = 2;
  o.threads = 1;
  o.dist = {};
  ner::Log log("test");
  log.set_quiet(true);
  auto config = ner::ModelConfig::from_arch("bert-crf");
  REQUIRE(ner::train_model(o, config, log) == 0);

  // The model file holds BERT's config, tokenizer and vocabulary: the folder is no longer needed.
  REQUIRE(ner::remove_tree(bert_dir));
  const auto header = ner::read_model_header(o.model_path);
  CHECK(header["config"]["bert"]["config"]["max_position_embeddings"] == 64);
  CHECK(header["config"]["bert"]["vocab"].size() == 5 + kChars.size());
  ner::Tagger a(o.model_path), b(o.model_path);
  const auto tags = a.tag(dev.tokens, {8, 0, 1});
  CHECK(tags == b.tag(dev.tokens, {8, 0, 1}));
  std::size_t right = 0, total = 0;
  for (std::size_t s = 0; s < dev.tokens.size(); ++s)
    for (std::size_t i = 0; i < dev.tokens[s].size(); ++i, ++total) right += tags[s][i] == dev.labels[s][i];
  INFO("token accuracy " << right << "/" << total);
  CHECK(right >= total * 95 / 100);
  CHECK(header["info"]["dev_scores"]["f1"].get<double>() > 90);
}

TEST_CASE("bert rows: a saved model decodes exactly as the one in memory", "[bert][rows]") {
  const auto bert_dir = write_tiny_bert();
  const auto config = bert_config("bert-bilstm-crf", bert_dir);
  const std::vector<std::string> labels = {"O", "B-SYM", "I-SYM"};
  torch::manual_seed(3);
  ner::NerModel model(config, int64_t{2}, labels);
  ner::load_pretrained_bert(*model, bert_dir);
  model->eval();
  const auto path = scratch_dir() + "/m.ner";
  ner::Vocabulary vocabulary;
  ner::save_model(path, config, vocabulary, labels, model, nlohmann::json::object());
  auto loaded = ner::load_model(path);
  const Toy toy = toy_corpus(5, 20, 9);
  ner::TokenIds ids(config, vocabulary);
  for (const auto& sentence : toy.tokens) {
    std::vector<int64_t> row;
    for (const auto& t : sentence) row.push_back(ids(t));
    auto x = torch::tensor(row, torch::kInt64).unsqueeze(0);
    auto mask = torch::ones_like(x, torch::kBool);
    CHECK(model->decode(x, mask) == loaded.model->decode(x, mask));
    torch::NoGradGuard no_grad;
    CHECK(torch::equal(model->emissions(x, mask), loaded.model->emissions(x, mask)));
  }
}

TEST_CASE("windows: every token of a long record is in one central window", "[bert][windows]") {
  for (const auto& [length, window, stride] : std::vector<std::tuple<std::size_t, std::size_t, std::size_t>>{
           {1500, 62, 31}, {1500, 62, 62}, {1500, 62, 1}, {63, 62, 31}, {62, 62, 31}, {1, 62, 31}, {100, 10, 7}}) {
    INFO(length << " " << window << " " << stride);
    const auto windows = ner::make_windows(length, window, stride);
    for (const auto& w : windows) {
      CHECK(w.end - w.begin == std::min(length, window));
      CHECK(w.end <= length);
    }
    CHECK(windows.front().begin == 0);
    CHECK(windows.back().end == length);
    const auto owner = ner::central_windows(windows, length);
    REQUIRE(owner.size() == length);
    for (std::size_t i = 0; i < length; ++i) {
      const auto& w = windows[owner[i]];
      CHECK((w.begin <= i && i < w.end));
      // No other window gives the token more context on its shorter side.
      for (const auto& other : windows)
        if (other.begin <= i && i < other.end)
          CHECK(std::min(i - other.begin, other.end - 1 - i) <= std::min(i - w.begin, w.end - 1 - i));
    }
  }
  CHECK_THROWS(ner::make_windows(10, 0, 1));
  CHECK_THROWS(ner::make_windows(10, 4, 5));
  CHECK_THROWS(ner::make_windows(10, 4, 0));
}

TEST_CASE("bert rows: a 1,500-character record is tagged in windows", "[bert][windows]") {
  const auto bert_dir = write_tiny_bert(64);  // 62 characters a window
  const auto config = bert_config("bert-crf", bert_dir);
  const std::vector<std::string> labels = {"O", "B-SYM", "I-SYM"};
  torch::manual_seed(5);
  ner::NerModel model(config, int64_t{2}, labels);
  ner::load_pretrained_bert(*model, bert_dir);
  const auto path = scratch_dir() + "/m.ner";
  ner::save_model(path, config, ner::Vocabulary(), labels, model, nlohmann::json::object());

  ner::Tagger tagger(path);
  CHECK(tagger.max_tokens() == 62);
  const auto record = toy_corpus(1, 1500, 11).tokens[0];
  REQUIRE(record.size() >= 1500);
  tagger.set_windows(40, 15);
  const auto tags = tagger.tag({record, {"咳", "嗽"}}, {16, 0, 1});
  REQUIRE(tags.size() == 2);
  CHECK(tags[0].size() == record.size());
  CHECK(tags[1].size() == 2);
  // The same as tagging each window alone and taking each character from its central window.
  const auto windows = ner::make_windows(record.size(), 40, 15);
  std::vector<std::vector<std::string>> pieces;
  for (const auto& w : windows) pieces.emplace_back(record.begin() + w.begin, record.begin() + w.end);
  const auto piece_tags = tagger.tag(pieces, {16, 0, 1});
  const auto owner = ner::central_windows(windows, record.size());
  for (std::size_t i = 0; i < record.size(); ++i)
    CHECK(tags[0][i] == piece_tags[owner[i]][i - windows[owner[i]].begin]);
  CHECK_THROWS_AS(tagger.set_windows(63, 0), ner::UsageError);
  CHECK_THROWS_AS(tagger.set_windows(40, 41), ner::UsageError);
  // Without windows the encoder refuses the record rather than reading past its positions.
  ner::TokenIds ids(config, ner::Vocabulary());
  std::vector<int64_t> row;
  for (const auto& t : record) row.push_back(ids(t));
  auto x = torch::tensor(row, torch::kInt64).unsqueeze(0);
  CHECK_THROWS_WITH(model->emissions(x, torch::ones_like(x, torch::kBool)), Catch::Contains("in windows"));
}

TEST_CASE("bert rows: --bert goes with a bert architecture, BERT gets its own rate or none", "[bert][rows]") {
  const auto bert_dir = write_tiny_bert();
  ner::TrainOptions o;
  auto config = ner::ModelConfig::from_arch("bert-crf");
  CHECK_THROWS_AS(ner::prepare_bert_config(config, o), ner::UsageError);  // no --bert
  auto plain = ner::ModelConfig::from_arch("bilstm-crf");
  o.bert_path = bert_dir;
  CHECK_THROWS_AS(ner::prepare_bert_config(plain, o), ner::UsageError);  // --bert, no bert encoder
  ner::prepare_bert_config(config, o);
  CHECK(config.bert["vocab"].size() == 5 + kChars.size());
  CHECK(ner::encoder_max_tokens(config) == 62);
  CHECK(ner::encoder_max_tokens(plain) == 0);

  ner::NerModel model(config, int64_t{2}, std::vector<std::string>{"O", "B-SYM", "I-SYM"});
  const auto bert_parameters = (*ner::bert_of(*model))->parameters().size();
  o.lr = 1e-3;
  o.bert_lr = 2e-5;
  auto optimizer = ner::make_model_optimizer(ner::OptimizerKind::adamw, *model, o);
  REQUIRE(optimizer->param_groups().size() == 2);
  CHECK(optimizer->param_groups()[1].params().size() == bert_parameters);
  CHECK(optimizer->param_groups()[0].params().size() + bert_parameters == model->parameters().size());
  ner::set_group_learning_rates(*optimizer, 0.5e-3, o);  // half way through a warm-up
  CHECK(optimizer->param_groups()[0].options().get_lr() == Approx(0.5e-3));
  CHECK(optimizer->param_groups()[1].options().get_lr() == Approx(1e-5));

  // Frozen: BERT's weights take no step.
  o.freeze_bert = true;
  auto frozen = ner::make_model_optimizer(ner::OptimizerKind::adam, *model, o);
  CHECK(frozen->param_groups().size() == 1);
  const auto before = (*ner::bert_of(*model))->parameters()[0].clone();
  auto x = torch::tensor({{5L, 6L, 7L, 8L}});
  auto mask = torch::ones_like(x, torch::kBool);
  auto labels = torch::tensor({{0L, 1L, 2L, 0L}});
  frozen->zero_grad();
  model->loss(x, mask, labels).backward();
  frozen->step();
  CHECK(torch::equal(before, (*ner::bert_of(*model))->parameters()[0]));
  // A model without BERT: one group over every parameter, as before.
  ner::NerModel bilstm(plain, int64_t{10}, std::vector<std::string>{"O"});
  CHECK(ner::bert_of(*bilstm) == nullptr);
  CHECK(ner::make_model_optimizer(ner::OptimizerKind::adam, *bilstm, o)->param_groups().size() == 1);
}
