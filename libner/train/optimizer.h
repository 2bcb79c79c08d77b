// The optimisers ner-train offers (Adam, Kingma & Ba 2015; AdamW, Loshchilov & Hutter 2019) and
// its gradient clipping, both stepping over all tensors at once; the learning rate set per step by
// the schedule, and the optimisers' state as named tensors for checkpoints.
// The state is written by parameter position, not through torch::serialize, whose archive format
// and optimizer-state keys differ between LibTorch 1.x and 2.x.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "libner/model/tensor_io.h"
#include "libner/train/train_options.h"

namespace ner {

// `tasks`: CPU threads that step parts of the parameters at once (the same weights however many).
std::unique_ptr<torch::optim::Optimizer> make_optimizer(OptimizerKind kind, const std::vector<torch::Tensor>& parameters,
                                                        double lr, double weight_decay, int tasks = 1);

// torch::nn::utils::clip_grad_norm_ (the 2-norm of all the gradients scaled down to at most
// `max_norm`) with multi-tensor operations: the same gradients, with a handful of kernels on CUDA
// where it launches two per parameter; on `tasks` CPU threads. Returns the norm before clipping.
double clip_gradient_norm(const std::vector<torch::Tensor>& parameters, double max_norm, int tasks = 1);

void set_learning_rate(torch::optim::Optimizer& optimizer, double lr);

// The moment estimates as tensors named "optimizer.<i>.<what>" (i: the parameter's position in
// the optimiser's groups) and their step counts in `json` ({"steps": [..]}, -1 where a parameter
// has no state yet).
void save_optimizer_state(const torch::optim::Optimizer& optimizer, NamedTensors& tensors, nlohmann::json& json);
// The reverse; the optimiser must have been made over the same parameters in the same order.
// Throws ner::Error(file_name, 0, ...) when the state does not fit.
void load_optimizer_state(torch::optim::Optimizer& optimizer, const NamedTensors& tensors, const nlohmann::json& json,
                          const std::string& file_name);

}  // namespace ner
