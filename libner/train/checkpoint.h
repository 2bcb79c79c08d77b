// The trainer's checkpoint (MODEL.ckpt): everything needed to continue a run exactly where it
// stopped — the model's weights, the optimiser's moments, the CPU random generator (dropout), how
// far the run got (epoch, batch within the epoch, optimiser steps, the running loss) and the best
// dev score so far — plus the configuration, vocabulary and labels, so `--resume` rebuilds the
// same network. The shuffle order needs no state: each epoch's order comes from (seed, epoch).
// Stored as a tensor file (libner/model/tensor_io.h), written atomically.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "libner/model/model_config.h"
#include "libner/model/ner_model.h"
#include "libner/model/tensor_io.h"
#include "libner/model/vocabulary.h"
#include "libner/train/weight_average.h"

namespace ner {

struct TrainingProgress {
  std::size_t epoch = 0;            // epochs completed
  std::size_t batch = 0;            // batches done in the epoch under way (0 at an epoch's start)
  std::size_t step = 0;             // optimiser steps in all
  double epoch_loss = 0;            // sum of per-sentence losses so far in the epoch under way
  std::size_t epoch_sentences = 0;  // ... sentences and tokens trained on
  std::size_t epoch_tokens = 0;
  double epoch_seconds = 0;         // training seconds so far in the epoch under way
  double best_f1 = -1;              // best dev F1 so far (-1: none yet)
  std::size_t best_epoch = 0;
  std::size_t bad_epochs = 0;       // epochs since the best one (for --patience)
  double total_seconds = 0;         // wall time of the whole run so far

  bool patience_exhausted(std::size_t patience) const { return patience > 0 && bad_epochs >= patience; }

  nlohmann::json to_json() const;
  static TrainingProgress from_json(const nlohmann::json& json);
};

struct Checkpoint {
  ModelConfig config;
  Vocabulary vocabulary;
  std::vector<std::string> labels;
  TrainingProgress progress;
  std::uint64_t seed = 0;
  std::string optimizer;          // "adam" or "adamw"
  nlohmann::json optimizer_state;  // see optimizer.h
  NamedTensors tensors;           // "model.*", "optimizer.*", "rng.cpu", "average.*" (--ema)
};

std::string checkpoint_path(const std::string& model_path);  // MODEL.ckpt

void save_checkpoint(const std::string& path, const ModelConfig& config, const Vocabulary& vocabulary,
                     const std::vector<std::string>& labels, const TrainingProgress& progress, std::uint64_t seed,
                     NerModel& model, const torch::optim::Optimizer& optimizer, const std::string& optimizer_name,
                     const WeightAverage& average);

// Throws ner::Error(path, 0, ...) when the file is not a readable checkpoint.
Checkpoint load_checkpoint(const std::string& path);

// The model's tensors out of a checkpoint's (without the "model." prefix).
NamedTensors model_tensors_of(const Checkpoint& checkpoint);

// The CPU generator's state (dropout masks, initialisation) as a tensor, and back.
torch::Tensor cpu_rng_state();
void set_cpu_rng_state(const torch::Tensor& state);

}  // namespace ner
