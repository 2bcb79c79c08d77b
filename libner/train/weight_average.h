// An exponential moving average of the weights while training (Polyak & Juditsky 1992; the
// "EMA" of timm and TensorFlow): after each optimiser step, average ← d·average + (1 − d)·weights.
// Dev is scored, and the model written, with the average, which smooths the last few thousand
// steps' noise out of the weights that a single step leaves in them. Early on the decay is
// min(d, (1 + t) / (10 + t)) at step t, so that the average does not hold on to the initial weights.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "libner/model/tensor_io.h"

namespace ner {

class WeightAverage {
 public:
  // `decay` 0: no average (active() is false and every member does nothing).
  WeightAverage(std::vector<torch::Tensor> parameters, double decay);

  bool active() const { return !averages_.empty(); }

  // After the optimiser's step; `step`: the optimiser steps before this one (the run's, so that a
  // resumed run continues the same sequence of decays). The tensors are shared among `tasks` threads.
  void update(std::size_t step, int tasks = 1);

  // Exchanges the parameters' values with the averages (twice: back as before).
  void swap();

  // The averages as "average.<i>" (i: the parameter's position), and back. load() returns false
  // when `tensors` has none (a checkpoint of a run without an average: it starts from the weights
  // as they are) and throws ner::Error(file_name, 0, ...) when they do not fit the parameters.
  void save(NamedTensors& tensors) const;
  bool load(const NamedTensors& tensors, const std::string& file_name);

 private:
  std::vector<torch::Tensor> parameters_;
  std::vector<torch::Tensor> averages_;
  double decay_;
};

// The averaged weights in the model for a scope (dev scoring, writing the model), then the
// trained ones again, even when the scope is left by an exception.
class AveragedWeights {
 public:
  explicit AveragedWeights(WeightAverage& average) : average_(average) { average_.swap(); }
  ~AveragedWeights() { average_.swap(); }
  AveragedWeights(const AveragedWeights&) = delete;
  AveragedWeights& operator=(const AveragedWeights&) = delete;

 private:
  WeightAverage& average_;
};

}  // namespace ner
