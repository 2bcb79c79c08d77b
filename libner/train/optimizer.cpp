#include "libner/train/optimizer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "libner/io/error.h"
#include "libner/train/tensor_runs.h"

namespace ner {

OptimizerKind parse_optimizer(std::string_view name) {
  if (name == "adam") return OptimizerKind::adam;
  if (name == "adamw") return OptimizerKind::adamw;
  throw UsageError("unknown optimizer '" + std::string(name) + "' (adam, adamw)");
}

std::string optimizer_name(OptimizerKind kind) { return kind == OptimizerKind::adam ? "adam" : "adamw"; }

std::vector<std::string> optimizer_names() { return {"adam", "adamw"}; }

namespace {

// The optimiser keys its state by the parameter's TensorImpl: as a printed pointer in LibTorch 1.x,
// as the pointer itself in 2.x. Overloads on the key type serve both.
inline void state_key(std::string& key, c10::TensorImpl* impl) {
  std::ostringstream os;
  os << static_cast<void*>(impl);
  key = os.str();
}
[[maybe_unused]] inline void state_key(void*& key, c10::TensorImpl* impl) { key = impl; }

std::vector<torch::Tensor> slice(const std::vector<torch::Tensor>& tensors, std::size_t begin, std::size_t end) {
  return {tensors.begin() + static_cast<std::ptrdiff_t>(begin), tensors.begin() + static_cast<std::ptrdiff_t>(end)};
}

template <class Optimizer>
auto key_of(const Optimizer& optimizer, const torch::Tensor& p) {
  using Key = typename std::decay_t<decltype(optimizer.state())>::key_type;
  Key key{};
  state_key(key, p.unsafeGetTensorImpl());
  return key;
}

// LibTorch's Adam and AdamW with the step done over all of a group's tensors at once (the
// _foreach_ operations): the same arithmetic in the same order as their own step(), so the same
// weights to the bit on the CPU, but one multi-tensor kernel per operation on CUDA where they
// launch about ten kernels per parameter (a BERT-base's 200 parameters: 2,000 launches a step,
// longer than its bf16 forward and backward at small batches). The state stays theirs
// (checkpoints, load_optimizer_state). `decoupled`: AdamW's weight decay; else Adam's L2 term.
// On the CPU, `tasks` threads step runs of the tensors at once (for_each_tensor_run).
template <class Base, class Options, class State, bool decoupled>
class MultiTensorAdam : public Base {
 public:
  using Base::Base;
  int tasks = 1;

  torch::Tensor step(torch::optim::Optimizer::LossClosure closure = nullptr) override {
    torch::NoGradGuard no_grad;
    torch::Tensor loss;
    if (closure) {
      at::AutoGradMode grad(true);
      loss = closure();
    }
    for (auto& group : this->param_groups()) {
      const auto& o = static_cast<const Options&>(group.options());
      TORCH_CHECK(!o.amsgrad(), "ner's Adam does not implement amsgrad");
      // Parameters with a gradient, by their step count (the same for all but those that missed
      // a gradient in an earlier step): the bias corrections depend on it.
      std::map<int64_t, Lists> by_step;
      for (const auto& p : group.params()) {
        if (!p.grad().defined()) continue;
        TORCH_CHECK(!p.grad().is_sparse(), "Adam does not support sparse gradients");
        auto& slot = this->state()[key_of(*this, p)];
        if (!slot) {
          auto fresh = std::make_unique<State>();
          fresh->step(0);
          fresh->exp_avg(torch::zeros_like(p, torch::MemoryFormat::Preserve));
          fresh->exp_avg_sq(torch::zeros_like(p, torch::MemoryFormat::Preserve));
          slot = std::move(fresh);
        }
        auto& state = static_cast<State&>(*slot);
        state.step(state.step() + 1);
        auto& lists = by_step[state.step()];
        lists.params.push_back(p);
        lists.grads.push_back(p.grad());
        lists.exp_avgs.push_back(state.exp_avg());
        lists.exp_avg_sqs.push_back(state.exp_avg_sq());
      }
      const auto [beta1, beta2] = o.betas();
      for (auto& [step, all] : by_step) {
        for_each_tensor_run(all.params, tasks, [&, step = step](std::size_t begin, std::size_t end) {
          update(all.run(begin, end), o, static_cast<double>(step), beta1, beta2);
        });
      }
    }
    return loss;
  }

 private:
  struct Lists {
    std::vector<torch::Tensor> params, grads, exp_avgs, exp_avg_sqs;

    Lists run(std::size_t begin, std::size_t end) const {
      return {slice(params, begin, end), slice(grads, begin, end), slice(exp_avgs, begin, end),
              slice(exp_avg_sqs, begin, end)};
    }
  };

  static void update(Lists l, const Options& o, double step, double beta1, double beta2) {
    if (o.weight_decay() != 0) {
      if (decoupled) at::_foreach_mul_(l.params, 1 - o.lr() * o.weight_decay());
      else l.grads = at::_foreach_add(l.grads, l.params, o.weight_decay());
    }
    const double bias_correction1 = 1 - std::pow(beta1, step);
    const double bias_correction2 = 1 - std::pow(beta2, step);
    at::_foreach_mul_(l.exp_avgs, beta1);
    at::_foreach_add_(l.exp_avgs, l.grads, 1 - beta1);
    at::_foreach_mul_(l.exp_avg_sqs, beta2);
    at::_foreach_addcmul_(l.exp_avg_sqs, l.grads, l.grads, 1 - beta2);
    auto denominators = at::_foreach_sqrt(l.exp_avg_sqs);
    at::_foreach_div_(denominators, std::sqrt(bias_correction2));
    at::_foreach_add_(denominators, o.eps());
    at::_foreach_addcdiv_(l.params, l.exp_avgs, denominators, -o.lr() / bias_correction1);
  }
};

using Adam = MultiTensorAdam<torch::optim::Adam, torch::optim::AdamOptions, torch::optim::AdamParamState, false>;
using AdamW = MultiTensorAdam<torch::optim::AdamW, torch::optim::AdamWOptions, torch::optim::AdamWParamState, true>;

template <class Optimizer, class Options>
std::unique_ptr<torch::optim::Optimizer> with_tasks(const std::vector<torch::Tensor>& parameters, const Options& options,
                                                    int tasks) {
  auto optimizer = std::make_unique<Optimizer>(parameters, options);
  optimizer->tasks = tasks;
  return optimizer;
}

}  // namespace

std::unique_ptr<torch::optim::Optimizer> make_optimizer(OptimizerKind kind, const std::vector<torch::Tensor>& parameters,
                                                        double lr, double weight_decay, int tasks) {
  if (kind == OptimizerKind::adam)
    return with_tasks<Adam>(parameters, torch::optim::AdamOptions(lr).weight_decay(weight_decay), tasks);
  return with_tasks<AdamW>(parameters, torch::optim::AdamWOptions(lr).weight_decay(weight_decay), tasks);
}

double clip_gradient_norm(const std::vector<torch::Tensor>& parameters, double max_norm, int tasks) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> grads;
  for (const auto& p : parameters)
    if (p.grad().defined()) grads.push_back(p.grad());
  if (grads.empty()) return 0.0;
  std::vector<torch::Tensor> norms(grads.size());
  for_each_tensor_run(grads, tasks, [&](std::size_t begin, std::size_t end) {
    const auto some = at::_foreach_norm(slice(grads, begin, end), 2);
    std::copy(some.begin(), some.end(), norms.begin() + static_cast<std::ptrdiff_t>(begin));
  });
  const auto total = norms.size() == 1 ? norms[0] : torch::stack(norms).norm(2);
  // The coefficient as clip_grad_norm_ computes it (in the gradients' type); read once, since a
  // list times a tensor is no multi-tensor operation in LibTorch 1.x.
  const double norm = total.item<double>();
  const auto coefficient = torch::clamp(max_norm / (total + 1e-6), c10::nullopt, 1.0).item<double>();
  if (coefficient < 1.0)
    for_each_tensor_run(grads, tasks, [&](std::size_t begin, std::size_t end) {
      auto some = slice(grads, begin, end);
      at::_foreach_mul_(some, coefficient);
    });
  return norm;
}

void set_learning_rate(torch::optim::Optimizer& optimizer, double lr) {
  for (auto& group : optimizer.param_groups()) group.options().set_lr(lr);
}

namespace {

std::vector<torch::Tensor> all_parameters(const torch::optim::Optimizer& optimizer) {
  std::vector<torch::Tensor> out;
  for (const auto& group : optimizer.param_groups())
    for (const auto& p : group.params()) out.push_back(p);
  return out;
}

// Both Adam and AdamW keep the same four fields; a template reads either.
template <class State>
bool save_one(const torch::optim::OptimizerParamState* base, const std::string& prefix, NamedTensors& tensors,
              int64_t& step) {
  auto* s = dynamic_cast<const State*>(base);
  if (!s) return false;
  step = s->step();
  tensors.emplace_back(prefix + "exp_avg", s->exp_avg());
  tensors.emplace_back(prefix + "exp_avg_sq", s->exp_avg_sq());
  if (s->max_exp_avg_sq().defined()) tensors.emplace_back(prefix + "max_exp_avg_sq", s->max_exp_avg_sq());
  return true;
}

template <class State>
std::unique_ptr<torch::optim::OptimizerParamState> make_state(int64_t step, const torch::Tensor& exp_avg,
                                                              const torch::Tensor& exp_avg_sq,
                                                              const torch::Tensor& max_exp_avg_sq) {
  auto s = std::make_unique<State>();
  s->step(step);
  s->exp_avg(exp_avg);
  s->exp_avg_sq(exp_avg_sq);
  if (max_exp_avg_sq.defined()) s->max_exp_avg_sq(max_exp_avg_sq);
  return s;
}

}  // namespace

void save_optimizer_state(const torch::optim::Optimizer& optimizer, NamedTensors& tensors, nlohmann::json& json) {
  const auto params = all_parameters(optimizer);
  const auto& state = optimizer.state();
  std::vector<int64_t> steps;
  for (std::size_t i = 0; i < params.size(); ++i) {
    auto it = state.find(key_of(optimizer, params[i]));
    int64_t step = -1;
    if (it != state.end()) {
      const std::string prefix = "optimizer." + std::to_string(i) + ".";
      if (!save_one<torch::optim::AdamParamState>(it->second.get(), prefix, tensors, step) &&
          !save_one<torch::optim::AdamWParamState>(it->second.get(), prefix, tensors, step))
        throw Error("cannot save the state of this optimizer");
    }
    steps.push_back(step);
  }
  json["steps"] = steps;
}

void load_optimizer_state(torch::optim::Optimizer& optimizer, const NamedTensors& tensors, const nlohmann::json& json,
                          const std::string& file_name) {
  const auto params = all_parameters(optimizer);
  std::map<std::string, torch::Tensor> by_name;
  for (const auto& [name, t] : tensors)
    if (name.rfind("optimizer.", 0) == 0) by_name[name] = t;
  std::vector<int64_t> steps;
  try {
    steps = json.at("steps").get<std::vector<int64_t>>();
  } catch (const nlohmann::json::exception&) {
    throw Error(file_name, 0, "checkpoint has no optimizer steps");
  }
  if (steps.size() != params.size())
    throw Error(file_name, 0, "checkpoint holds optimizer state for " + std::to_string(steps.size()) +
                                  " parameters, the model has " + std::to_string(params.size()));
  const bool adamw = dynamic_cast<torch::optim::AdamW*>(&optimizer) != nullptr;
  auto& state = optimizer.state();
  state.clear();
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (steps[i] < 0) continue;
    const std::string prefix = "optimizer." + std::to_string(i) + ".";
    auto get = [&](const std::string& what, bool required) -> torch::Tensor {
      auto it = by_name.find(prefix + what);
      if (it == by_name.end()) {
        if (required) throw Error(file_name, 0, "checkpoint lacks " + prefix + what);
        return {};
      }
      if (!it->second.sizes().equals(params[i].sizes()))
        throw Error(file_name, 0, "checkpoint tensor " + prefix + what + " does not fit its parameter");
      return it->second.to(params[i].device(), params[i].scalar_type()).clone();
    };
    auto m = get("exp_avg", true), v = get("exp_avg_sq", true), vmax = get("max_exp_avg_sq", false);
    state[key_of(optimizer, params[i])] = adamw ? make_state<torch::optim::AdamWParamState>(steps[i], m, v, vmax)
                                                : make_state<torch::optim::AdamParamState>(steps[i], m, v, vmax);
  }
}

}  // namespace ner
