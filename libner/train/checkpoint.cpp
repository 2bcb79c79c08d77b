#include "libner/train/checkpoint.h"

#include <mutex>

#include <ATen/CPUGeneratorImpl.h>

#include "libner/io/error.h"
#include "libner/train/optimizer.h"

namespace ner {

namespace {
constexpr const char* kKind = "ner-train checkpoint";
constexpr int kCheckpointVersion = 1;
}  // namespace

nlohmann::json TrainingProgress::to_json() const {
  return {{"epoch", epoch},
          {"batch", batch},
          {"step", step},
          {"epoch_loss", epoch_loss},
          {"epoch_sentences", epoch_sentences},
          {"epoch_tokens", epoch_tokens},
          {"epoch_seconds", epoch_seconds},
          {"best_f1", best_f1},
          {"best_epoch", best_epoch},
          {"bad_epochs", bad_epochs},
          {"total_seconds", total_seconds}};
}

TrainingProgress TrainingProgress::from_json(const nlohmann::json& j) {
  TrainingProgress p;
  p.epoch = j.at("epoch").get<std::size_t>();
  p.batch = j.at("batch").get<std::size_t>();
  p.step = j.at("step").get<std::size_t>();
  p.epoch_loss = j.at("epoch_loss").get<double>();
  p.epoch_sentences = j.at("epoch_sentences").get<std::size_t>();
  p.epoch_tokens = j.at("epoch_tokens").get<std::size_t>();
  p.epoch_seconds = j.at("epoch_seconds").get<double>();
  p.best_f1 = j.at("best_f1").get<double>();
  p.best_epoch = j.at("best_epoch").get<std::size_t>();
  p.bad_epochs = j.at("bad_epochs").get<std::size_t>();
  p.total_seconds = j.value("total_seconds", 0.0);
  return p;
}

std::string checkpoint_path(const std::string& model_path) { return model_path + ".ckpt"; }

torch::Tensor cpu_rng_state() {
  auto gen = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(gen.mutex());
  return gen.get_state();
}

void set_cpu_rng_state(const torch::Tensor& state) {
  auto gen = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_state(state);
}

void save_checkpoint(const std::string& path, const ModelConfig& config, const Vocabulary& vocabulary,
                     const std::vector<std::string>& labels, const TrainingProgress& progress, std::uint64_t seed,
                     NerModel& model, const torch::optim::Optimizer& optimizer, const std::string& optimizer_name,
                     const WeightAverage& average) {
  NamedTensors tensors;
  for (auto& [name, t] : module_tensors(*model)) tensors.emplace_back("model." + name, t);
  nlohmann::json opt_state;
  save_optimizer_state(optimizer, tensors, opt_state);
  tensors.emplace_back("rng.cpu", cpu_rng_state());
  average.save(tensors);
  nlohmann::json header = {{"kind", kKind},
                           {"version", kCheckpointVersion},
                           {"config", config.to_json()},
                           {"vocabulary", vocabulary.to_json()},
                           {"labels", labels},
                           {"progress", progress.to_json()},
                           {"seed", seed},
                           {"optimizer", optimizer_name},
                           {"optimizer_state", opt_state}};
  write_tensor_file(path, header, tensors);
}

Checkpoint load_checkpoint(const std::string& path) {
  auto [header, tensors] = read_tensor_file(path);
  if (header.value("kind", std::string()) != kKind) throw Error(path, 0, "not a ner-train checkpoint");
  if (header.value("version", 0) > kCheckpointVersion)
    throw Error(path, 0, "checkpoint version " + std::to_string(header.value("version", 0)) + " is newer than this ner");
  Checkpoint c;
  try {
    c.config = ModelConfig::from_json(header.at("config"));
    c.vocabulary = Vocabulary::from_json(header.at("vocabulary"));
    c.labels = header.at("labels").get<std::vector<std::string>>();
    c.progress = TrainingProgress::from_json(header.at("progress"));
    c.seed = header.at("seed").get<std::uint64_t>();
    c.optimizer = header.at("optimizer").get<std::string>();
    c.optimizer_state = header.at("optimizer_state");
  } catch (const nlohmann::json::exception& e) {
    throw Error(path, 0, std::string("damaged checkpoint header: ") + e.what());
  } catch (const Error& e) {
    throw Error(path, 0, e.message());
  }
  c.tensors = std::move(tensors);
  return c;
}

NamedTensors model_tensors_of(const Checkpoint& checkpoint) {
  NamedTensors out;
  for (const auto& [name, t] : checkpoint.tensors)
    if (name.rfind("model.", 0) == 0) out.emplace_back(name.substr(6), t);
  return out;
}

}  // namespace ner
