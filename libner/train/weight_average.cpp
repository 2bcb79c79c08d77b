#include "libner/train/weight_average.h"

#include <algorithm>
#include <map>
#include <utility>

#include "libner/io/error.h"
#include "libner/train/tensor_runs.h"

namespace ner {

namespace {
const std::string kPrefix = "average.";
}

WeightAverage::WeightAverage(std::vector<torch::Tensor> parameters, double decay) : decay_(decay) {
  if (!(decay >= 0 && decay < 1)) throw UsageError("the weight average's decay (--ema) must be in [0, 1)");
  if (decay == 0) return;
  torch::NoGradGuard no_grad;
  parameters_ = std::move(parameters);
  for (const auto& p : parameters_) averages_.push_back(p.detach().clone());
}

void WeightAverage::update(std::size_t step, int tasks) {
  if (!active()) return;
  const double t = static_cast<double>(step);
  const double weight = 1 - std::min(decay_, (1 + t) / (10 + t));
  torch::NoGradGuard no_grad;
  for_each_tensor_run(averages_, tasks, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) averages_[i].lerp_(parameters_[i].detach(), weight);
  });
}

void WeightAverage::swap() {
  torch::NoGradGuard no_grad;
  for (std::size_t i = 0; i < averages_.size(); ++i) {
    auto weights = parameters_[i].detach();
    auto kept = weights.clone();
    weights.copy_(averages_[i]);
    averages_[i].copy_(kept);
  }
}

void WeightAverage::save(NamedTensors& tensors) const {
  for (std::size_t i = 0; i < averages_.size(); ++i) tensors.emplace_back(kPrefix + std::to_string(i), averages_[i]);
}

bool WeightAverage::load(const NamedTensors& tensors, const std::string& file_name) {
  std::map<std::string, const torch::Tensor*> found;
  for (const auto& [name, t] : tensors)
    if (name.rfind(kPrefix, 0) == 0) found.emplace(name, &t);
  if (!active() || found.empty()) return false;
  if (found.size() != averages_.size())
    throw Error(file_name, 0, "the checkpoint averages " + std::to_string(found.size()) + " tensors, the model has " +
                                  std::to_string(averages_.size()));
  torch::NoGradGuard no_grad;
  for (std::size_t i = 0; i < averages_.size(); ++i) {
    const auto it = found.find(kPrefix + std::to_string(i));
    if (it == found.end() || it->second->sizes() != averages_[i].sizes())
      throw Error(file_name, 0, "the weight average's tensor " + std::to_string(i) + " is missing or does not fit the model");
    averages_[i].copy_(*it->second);
  }
  return true;
}

}  // namespace ner
