// ner-train's loop as a job of two Gloo processes on localhost: with the same seed and global
// batch, and no dropout, the weights it writes match one process's within floating-point
// tolerance (the sums run in another order), for the CRF's per-sentence loss and the softmax's
// per-token loss, with batches that split evenly and unevenly; the dev scores are the same; and a
// job interrupted mid-run and resumed from its checkpoint ends where an uninterrupted one does.
#include <torch/torch.h>
#undef CHECK  // glog's CHECK from Debian's LibTorch would shadow Catch's (see tests/model/torch_catch.h)
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "libner/dist/data_parallel.h"
#include "libner/io/log.h"
#include "libner/io/remove_tree.h"
#include "libner/model/model_config.h"
#include "libner/model/model_file.h"
#include "libner/model/ner_model.h"
#include "libner/model/tensor_io.h"
#include "libner/train/trainer.h"
#include "tests/dist/rank_launcher.h"
#include "tests/train/toy_corpus.h"

namespace fs = std::filesystem;

namespace {

void write_corpus(const std::string& path, std::size_t sentences, std::uint64_t seed) {
  ner_test::write_toy_corpus(path, sentences, seed, 2, 12);
}

// What a run is, from the environment (so that the parent and the ranks agree).
struct Run {
  std::string dir, arch, model;
  std::size_t batch = 4;
  std::size_t interrupt_after = 0;
  bool resume = false;
};

Run run_from_environment() {
  auto get = [](const char* name) {
    const char* v = std::getenv(name);
    return std::string(v ? v : "");
  };
  Run r;
  r.dir = get("NER_DIST_TEST_DIR");
  r.arch = get("NER_DIST_TEST_ARCH");
  r.model = get("NER_DIST_TEST_MODEL");
  r.batch = std::stoul(get("NER_DIST_TEST_BATCH"));
  r.interrupt_after = std::stoul(get("NER_DIST_TEST_INTERRUPT"));
  r.resume = get("NER_DIST_TEST_RESUME") == "1";
  return r;
}

std::vector<std::string> environment_of(const Run& r) {
  return {"NER_DIST_TEST_DIR=" + r.dir,       "NER_DIST_TEST_ARCH=" + r.arch,
          "NER_DIST_TEST_MODEL=" + r.model,   "NER_DIST_TEST_BATCH=" + std::to_string(r.batch),
          "NER_DIST_TEST_INTERRUPT=" + std::to_string(r.interrupt_after),
          "NER_DIST_TEST_RESUME=" + std::string(r.resume ? "1" : "0")};
}

int train(const Run& r) {
  auto config = ner::ModelConfig::from_arch(r.arch);
  config.embedding_dim = 8;
  config.lstm_hidden = 6;
  config.idcnn_filters = 8;
  config.dropout = 0;  // each rank draws its own dropout masks, so only a dropout-free run can match
  ner::TrainOptions o;
  o.train_path = r.dir + "/train.conll";
  o.dev_path = r.dir + "/dev.conll";
  o.model_path = r.dir + "/" + r.model;
  o.log_path = r.dir + "/" + r.model + ".tsv";
  o.epochs = 3;
  o.batch.sentences = r.batch;
  o.optimizer = ner::OptimizerKind::adamw;
  o.weight_decay = 0.01;
  o.lr = 0.01;
  o.warmup = 0.1;
  o.decay = ner::LrDecay::linear;
  o.clip = 1.0;  // small enough to clip: the norm must be the global batch's
  o.seed = 5;
  o.threads = 1;
  o.resume = r.resume;
  o.interrupt_after_steps = r.interrupt_after;
  o.dist.backend = ner::DistBackend::gloo;
  o.dist.timeout = std::chrono::seconds(60);
  ner::Log log("ner-train");
  log.set_quiet(true);
  return ner::train_model(o, config, log);
}

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/ner-dist-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { ner::remove_tree(path); }
};

void check_close(const std::string& a_path, const std::string& b_path) {
  auto a = ner::load_model(a_path, "cpu");
  auto b = ner::load_model(b_path, "cpu");
  const auto ta = ner::module_tensors(*a.model), tb = ner::module_tensors(*b.model);
  REQUIRE(ta.size() == tb.size());
  double worst = 0;
  for (std::size_t i = 0; i < ta.size(); ++i) {
    REQUIRE(ta[i].first == tb[i].first);
    INFO(ta[i].first);
    CHECK(torch::allclose(ta[i].second, tb[i].second, 1e-4, 1e-5));
    worst = std::max(worst, (ta[i].second.to(torch::kFloat64) - tb[i].second.to(torch::kFloat64)).abs().max().item<double>());
  }
  WARN("largest weight difference " << worst << " between " << a_path << " and " << b_path);
  CHECK(a.header["info"]["steps"].get<std::size_t>() > 0);
  CHECK(a.header["info"]["dev_scores"] == b.header["info"]["dev_scores"]);
  CHECK(a.header["info"]["epoch"] == b.header["info"]["epoch"]);
}

}  // namespace

TEST_CASE("dist child: train", "[.][dist-child]") {
  REQUIRE(ner_test::is_child());
  const Run r = run_from_environment();
  const int status = train(r);
  CHECK(status == (r.interrupt_after ? 130 : 0));
}

TEST_CASE("two Gloo processes train the weights of one process", "[dist][train]") {
  if (!ner::ProcessGroupHandle::has_backend(ner::DistBackend::gloo)) {
    WARN("skipped: this build has no Gloo (install libgloo-dev)");
    return;
  }
  TempDir dir;
  write_corpus((dir.path / "train.conll").string(), 30, 11);
  write_corpus((dir.path / "dev.conll").string(), 9, 12);
  // Batches of 4 split 2+2, batches of 5 split 3+2 (and the bucketing leaves some smaller ones).
  for (const std::string arch : {"bilstm-crf", "idcnn-softmax"})
    for (std::size_t batch : {4u, 5u}) {
      INFO(arch << ", batch " << batch);
      Run single{dir.path.string(), arch, arch + "-" + std::to_string(batch) + "-single.ner", batch, 0, false};
      REQUIRE(train(single) == 0);
      Run job = single;
      job.model = arch + "-" + std::to_string(batch) + "-dist.ner";
      const auto ranks = ner_test::run_ranks("dist child: train", 2, std::chrono::seconds(240), environment_of(job));
      REQUIRE(ranks[0].status == 0);
      REQUIRE(ranks[1].status == 0);
      check_close(dir.path / single.model, dir.path / job.model);
    }
}

TEST_CASE("a two-process job interrupted and resumed ends with the uninterrupted weights", "[dist][train]") {
  if (!ner::ProcessGroupHandle::has_backend(ner::DistBackend::gloo)) return;
  TempDir dir;
  write_corpus((dir.path / "train.conll").string(), 24, 21);
  write_corpus((dir.path / "dev.conll").string(), 6, 22);
  Run single{dir.path.string(), "bilstm-crf", "single.ner", 4, 0, false};
  REQUIRE(train(single) == 0);
  // 24 sentences in batches of 4: 6 steps an epoch; stop in the middle of epoch 2.
  Run job{dir.path.string(), "bilstm-crf", "job.ner", 4, 8, false};
  auto ranks = ner_test::run_ranks("dist child: train", 2, std::chrono::seconds(240), environment_of(job));
  REQUIRE(ranks[0].status == 0);  // each child checked its own exit status 130
  REQUIRE(ranks[1].status == 0);
  REQUIRE(fs::exists(dir.path / "job.ner.ckpt"));
  job.interrupt_after = 0;
  job.resume = true;
  ranks = ner_test::run_ranks("dist child: train", 2, std::chrono::seconds(240), environment_of(job));
  REQUIRE(ranks[0].status == 0);
  REQUIRE(ranks[1].status == 0);
  check_close(dir.path / "single.ner", dir.path / "job.ner");
}
