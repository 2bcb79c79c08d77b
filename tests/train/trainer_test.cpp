// ner-train's loop on a tiny model: the same seed gives the same weights, and a run interrupted
// (mid-epoch or at an epoch's end) and resumed from its checkpoint ends with exactly the weights
// of an uninterrupted run.
#include "tests/model/torch_catch.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "libner/eval/entity_counter.h"
#include "libner/io/log.h"
#include "libner/io/remove_tree.h"
#include "libner/model/model_config.h"
#include "libner/model/model_file.h"
#include "libner/model/ner_model.h"
#include "libner/model/tensor_io.h"
#include "libner/tag/tagger.h"
#include "libner/train/checkpoint.h"
#include "libner/train/corpus.h"
#include "libner/train/trainer.h"
#include "tests/train/toy_corpus.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/ner-trainer-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { ner::remove_tree(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void write_corpus(const std::string& path, std::size_t sentences, std::uint64_t seed) {
  ner_test::write_toy_corpus(path, sentences, seed, 3, 10);
}

ner::ModelConfig tiny_config(const std::string& arch = "bilstm-crf") {
  auto c = ner::ModelConfig::from_arch(arch);
  c.embedding_dim = 8;
  c.lstm_hidden = 6;
  c.idcnn_filters = 8;
  c.imconvnet_depths = {1, 1, 1, 1};
  c.imconvnet_widths = {8, 8, 8, 8};
  c.dropout = 0.3;  // so that the random generator's state matters on resume
  return c;
}

ner::TrainOptions tiny_options(const TempDir& dir, const std::string& model) {
  ner::TrainOptions o;
  o.train_path = dir / "train.conll";
  o.model_path = dir / model;
  o.epochs = 2;
  o.batch.sentences = 4;
  o.lr = 0.01;
  o.warmup = 0.2;
  o.decay = ner::LrDecay::linear;
  o.seed = 7;
  o.threads = 1;
  return o;
}

// A 3-epoch run scored on dev, its train and dev corpora written into `dir` from `seed`.
ner::TrainOptions options_with_dev(const TempDir& dir, const std::string& model, std::uint64_t seed) {
  write_corpus(dir / "train.conll", 24, seed);
  write_corpus(dir / "dev.conll", 10, seed + 1);
  auto o = tiny_options(dir, model);
  o.dev_path = dir / "dev.conll";
  o.epochs = 3;
  return o;
}

ner::NamedTensors weights_of(const std::string& model_path) {
  auto loaded = ner::load_model(model_path, "cpu");
  return ner::module_tensors(*loaded.model);
}

bool same_weights(const ner::NamedTensors& a, const ner::NamedTensors& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].first != b[i].first || !torch::equal(a[i].second, b[i].second)) return false;
  return true;
}

ner::Log quiet_log() {
  ner::Log log("ner-train");
  log.set_quiet(true);
  return log;
}

}  // namespace

TEST_CASE("the same seed trains the same weights, another seed others", "[train][trainer]") {
  TempDir dir;
  write_corpus(dir / "train.conll", 24, 1);
  write_corpus(dir / "dev.conll", 8, 2);
  const auto log = quiet_log();
  auto o = tiny_options(dir, "a.ner");
  o.dev_path = dir / "dev.conll";
  o.log_path = dir / "a.tsv";
  REQUIRE(ner::train_model(o, tiny_config(), log) == 0);
  o.model_path = dir / "b.ner";
  REQUIRE(ner::train_model(o, tiny_config(), log) == 0);
  o.model_path = dir / "c.ner";
  o.seed = 8;
  REQUIRE(ner::train_model(o, tiny_config(), log) == 0);
  const auto a = weights_of(dir / "a.ner");
  CHECK(same_weights(a, weights_of(dir / "b.ner")));
  CHECK_FALSE(same_weights(a, weights_of(dir / "c.ner")));

  // The log: a header and one row per epoch with dev scores.
  std::ifstream in(dir / "a.tsv");
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].rfind("epoch\tloss\tdev_precision", 0) == 0);
  CHECK(lines[2].rfind("2\t", 0) == 0);
  CHECK(fs::exists(dir / "a.ner.ckpt"));
}

TEST_CASE("an interrupted run resumed from its checkpoint ends with the uninterrupted weights", "[train][trainer]") {
  TempDir dir;
  write_corpus(dir / "train.conll", 24, 3);  // 6 batches of 4 per epoch, 12 steps in all
  const auto log = quiet_log();
  for (const std::string arch : {"bilstm-crf", "imconvnet-crf"}) {
    auto whole = tiny_options(dir, arch + "-whole.ner");
    REQUIRE(ner::train_model(whole, tiny_config(arch), log) == 0);
    const auto expected = weights_of(whole.model_path);

    for (std::size_t stop : {3, 6, 9}) {  // mid-epoch, at the end of epoch 1, in epoch 2
      INFO(arch << ", interrupted after step " << stop);
      {
        auto o = tiny_options(dir, arch + "-resumed-" + std::to_string(stop) + ".ner");
        o.log_path = o.model_path + ".tsv";
        o.interrupt_after_steps = stop;
        REQUIRE(ner::train_model(o, tiny_config(arch), log) == 130);
        REQUIRE(fs::exists(ner::checkpoint_path(o.model_path)));
        CHECK(ner::load_checkpoint(ner::checkpoint_path(o.model_path)).progress.step == stop);
        o.interrupt_after_steps = 0;
        o.resume = true;
        // The model options are taken from the checkpoint, whatever is asked now.
        REQUIRE(ner::train_model(o, tiny_config("idcnn-crf"), log) == 0);
        CHECK(same_weights(expected, weights_of(o.model_path)));
        std::ifstream in(o.log_path);
        std::string line;
        std::size_t rows = 0;
        while (std::getline(in, line)) ++rows;
        CHECK(rows == 3);  // header + 2 epochs, none twice
      }
    }
  }
}

bool close_weights(const ner::NamedTensors& a, const ner::NamedTensors& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].first != b[i].first || !torch::allclose(a[i].second, b[i].second, 1e-4, 1e-5)) return false;
  return true;
}

TEST_CASE("batch parts trained on several threads give the batch's gradient", "[train][trainer]") {
  // Without dropout, cutting each batch into parts (one thread each) changes only the rounding:
  // the parts' losses are weighted by sentences (CRF) or tokens (softmax) to the batch's mean.
  TempDir dir;
  write_corpus(dir / "train.conll", 24, 5);
  const auto log = quiet_log();
  for (const std::string arch : {"bilstm-crf", "bilstm-softmax", "imconvnet-crf"}) {
    INFO(arch);
    auto config = tiny_config(arch);
    config.dropout = 0;
    config.drop_path = 0;
    auto o = tiny_options(dir, arch + "-1.ner");
    o.batch.sentences = 5;  // on 3 threads, parts of 2, 2 and 1 sentences
    REQUIRE(ner::train_model(o, config, log) == 0);
    o.model_path = dir / (arch + "-3.ner");
    o.threads = 3;
    REQUIRE(ner::train_model(o, config, log) == 0);
    CHECK(close_weights(weights_of(dir / (arch + "-1.ner")), weights_of(o.model_path)));
  }
}

TEST_CASE("training on several threads is reproducible and resumes exactly", "[train][trainer]") {
  TempDir dir;
  write_corpus(dir / "train.conll", 24, 6);
  const auto log = quiet_log();
  auto o = tiny_options(dir, "a.ner");
  o.threads = 2;
  REQUIRE(ner::train_model(o, tiny_config(), log) == 0);
  const auto expected = weights_of(o.model_path);
  o.model_path = dir / "b.ner";
  REQUIRE(ner::train_model(o, tiny_config(), log) == 0);
  CHECK(same_weights(expected, weights_of(o.model_path)));
  // Dropout draws from each part's own generator, seeded by the step: a resumed run needs no state.
  o.model_path = dir / "c.ner";
  o.interrupt_after_steps = 4;
  REQUIRE(ner::train_model(o, tiny_config(), log) == 130);
  o.interrupt_after_steps = 0;
  o.resume = true;
  REQUIRE(ner::train_model(o, tiny_config(), log) == 0);
  CHECK(same_weights(expected, weights_of(o.model_path)));
}

TEST_CASE("ner-train's --ema keeps the averaged weights and resumes them exactly", "[train][trainer][ema]") {
  TempDir dir;
  const auto log = quiet_log();
  auto o = options_with_dev(dir, "plain.ner", 8);
  REQUIRE(ner::train_model(o, tiny_config(), log) == 0);
  const auto plain = weights_of(o.model_path);
  o.ema = 0.8;
  o.model_path = dir / "ema.ner";
  REQUIRE(ner::train_model(o, tiny_config(), log) == 0);
  const auto averaged = weights_of(o.model_path);
  CHECK_FALSE(close_weights(plain, averaged));
  CHECK(ner::load_model(o.model_path, "cpu").header.at("info").value("ema", 0.0) == 0.8);
  // The checkpoint's weights go on training from the trained ones, beside the average.
  const auto ckpt = ner::load_checkpoint(ner::checkpoint_path(o.model_path));
  CHECK(std::count_if(ckpt.tensors.begin(), ckpt.tensors.end(),
                      [](const auto& t) { return t.first.rfind("average.", 0) == 0; }) ==
        static_cast<std::ptrdiff_t>(ner::load_model(o.model_path, "cpu").model->parameters().size()));

  for (std::size_t stop : {4, 6}) {  // within epoch 1, at its end
    INFO("interrupted after step " << stop);
    o.model_path = dir / ("ema-resumed-" + std::to_string(stop) + ".ner");
    o.interrupt_after_steps = stop;
    o.resume = false;
    REQUIRE(ner::train_model(o, tiny_config(), log) == 130);
    o.interrupt_after_steps = 0;
    o.resume = true;
    REQUIRE(ner::train_model(o, tiny_config(), log) == 0);
    CHECK(same_weights(averaged, weights_of(o.model_path)));
  }
}

TEST_CASE("resuming a finished run changes nothing", "[train][trainer]") {
  TempDir dir;
  write_corpus(dir / "train.conll", 12, 4);
  const auto log = quiet_log();
  auto o = tiny_options(dir, "m.ner");
  o.epochs = 1;
  REQUIRE(ner::train_model(o, tiny_config(), log) == 0);
  const auto before = weights_of(o.model_path);
  o.resume = true;
  REQUIRE(ner::train_model(o, tiny_config(), log) == 0);
  CHECK(same_weights(before, weights_of(o.model_path)));
}

TEST_CASE("a model learnt in another scheme (--train-scheme) is scored on dev and tags in the data's", "[train][trainer]") {
  TempDir dir;
  const auto log = quiet_log();
  auto o = options_with_dev(dir, "iobes.ner", 5);
  o.train_scheme = "iobes";
  REQUIRE(ner::train_model(o, tiny_config(), log) == 0);
  const auto loaded = ner::load_model(o.model_path, "cpu");
  CHECK(loaded.config.scheme == "iobes");
  CHECK(loaded.config.output_scheme == "iob2");
  const auto& labels = loaded.labels;
  for (const char* label : {"E-X", "S-Z"}) CHECK(std::find(labels.begin(), labels.end(), label) != labels.end());

  // The dev F1 kept with the model is that of its labels as ner-tag writes them, in IOB2.
  const auto dev = ner::read_labelled_corpus(o.dev_path);
  const ner::Tagger tagger(o.model_path);
  const auto predicted = tagger.tag(dev.tokens, ner::BatchLimits{});
  ner::EntityCounter counter;
  for (std::size_t s = 0; s < dev.size(); ++s) {
    for (const auto& label : predicted[s]) CHECK((label == "O" || label[0] == 'B' || label[0] == 'I'));
    counter.add(dev.labels[s], predicted[s]);
  }
  CHECK(loaded.header["info"]["dev_scores"]["f1"].get<double>() == Approx(ner::scores_of(counter.total()).f1));

  // A resumed run learns in the checkpoint's scheme too.
  auto resumed = tiny_options(dir, "iobes-resumed.ner");
  resumed.dev_path = o.dev_path;
  resumed.epochs = 3;
  resumed.train_scheme = "iobes";
  resumed.interrupt_after_steps = 4;
  REQUIRE(ner::train_model(resumed, tiny_config(), log) == 130);
  resumed.interrupt_after_steps = 0;
  resumed.resume = true;
  resumed.train_scheme.clear();
  REQUIRE(ner::train_model(resumed, tiny_config(), log) == 0);
  CHECK(same_weights(weights_of(o.model_path), weights_of(resumed.model_path)));
}
