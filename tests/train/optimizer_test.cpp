// ner's Adam and AdamW (multi-tensor steps) against LibTorch's own, and their state through a
// checkpoint.
#include "tests/model/torch_catch.h"

#include <algorithm>
#include <mutex>
#include <vector>

#include "libner/train/optimizer.h"
#include "libner/train/tensor_runs.h"

namespace {

// Three parameters of different shapes, in two groups of different learning rates (as a BERT
// model's heads and encoder).
std::vector<torch::Tensor> make_parameters() {
  torch::manual_seed(7);
  return {torch::randn({4, 3}).requires_grad_(), torch::randn({5}).requires_grad_(),
          torch::randn({2, 2, 3}).requires_grad_()};
}

void set_gradients(const std::vector<torch::Tensor>& params, int step) {
  torch::manual_seed(100 + step);
  for (std::size_t i = 0; i < params.size(); ++i) {
    // The second parameter misses its gradient in step 2: its step count falls behind the others'.
    if (step == 2 && i == 1) {
      params[i].mutable_grad() = torch::Tensor();
      continue;
    }
    params[i].mutable_grad() = torch::randn_like(params[i]);
  }
}

// `tasks`: threads that share out the tensors of our step.
template <class Reference, class Options>
void check_same_steps(ner::OptimizerKind kind, double weight_decay, int tasks = 1) {
  INFO(tasks << " tasks");
  auto ours = make_parameters(), theirs = make_parameters();
  auto optimizer = ner::make_optimizer(kind, {ours[0], ours[1]}, 1e-2, weight_decay, tasks);
  optimizer->add_param_group(torch::optim::OptimizerParamGroup({ours[2]}));
  Reference reference({theirs[0], theirs[1]}, Options(1e-2).weight_decay(weight_decay));
  reference.add_param_group(torch::optim::OptimizerParamGroup({theirs[2]}));
  for (int step = 0; step < 5; ++step) {
    // Another learning rate for the second group, as the warm-up and decay schedule sets it.
    optimizer->param_groups()[1].options().set_lr(3e-3 * (step + 1));
    reference.param_groups()[1].options().set_lr(3e-3 * (step + 1));
    set_gradients(ours, step);
    set_gradients(theirs, step);
    optimizer->step();
    reference.step();
    for (std::size_t i = 0; i < ours.size(); ++i) {
      INFO("step " << step << ", parameter " << i);
      CHECK(torch::equal(ours[i], theirs[i]));
    }
  }
  // The same moments and step counts: a checkpoint of either resumes the other.
  ner::NamedTensors a, b;
  nlohmann::json ja, jb;
  ner::save_optimizer_state(*optimizer, a, ja);
  ner::save_optimizer_state(reference, b, jb);
  CHECK(ja == jb);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].first == b[i].first);
    CHECK(torch::equal(a[i].second, b[i].second));
  }
}

}  // namespace

TEST_CASE("ner's AdamW steps exactly as LibTorch's, groups and missing gradients included", "[train][optimizer]") {
  check_same_steps<torch::optim::AdamW, torch::optim::AdamWOptions>(ner::OptimizerKind::adamw, 0.01);
  check_same_steps<torch::optim::AdamW, torch::optim::AdamWOptions>(ner::OptimizerKind::adamw, 0.0);
  check_same_steps<torch::optim::AdamW, torch::optim::AdamWOptions>(ner::OptimizerKind::adamw, 0.01, 2);
}

TEST_CASE("ner's Adam steps exactly as LibTorch's, L2 weight decay included", "[train][optimizer]") {
  check_same_steps<torch::optim::Adam, torch::optim::AdamOptions>(ner::OptimizerKind::adam, 0.01);
  check_same_steps<torch::optim::Adam, torch::optim::AdamOptions>(ner::OptimizerKind::adam, 0.0);
  check_same_steps<torch::optim::Adam, torch::optim::AdamOptions>(ner::OptimizerKind::adam, 0.01, 3);
}

TEST_CASE("a checkpoint's optimizer state loads into ner's AdamW and steps on as before", "[train][optimizer]") {
  auto first = make_parameters(), second = make_parameters();
  auto a = ner::make_optimizer(ner::OptimizerKind::adamw, first, 1e-2, 0.01);
  auto b = ner::make_optimizer(ner::OptimizerKind::adamw, second, 1e-2, 0.01);
  for (int step = 0; step < 3; ++step) {
    set_gradients(first, step);
    set_gradients(second, step);
    a->step();
    b->step();
  }
  ner::NamedTensors tensors;
  nlohmann::json json;
  ner::save_optimizer_state(*a, tensors, json);
  auto resumed = ner::make_optimizer(ner::OptimizerKind::adamw, second, 1e-2, 0.01);
  ner::load_optimizer_state(*resumed, tensors, json, "test.ckpt");
  set_gradients(first, 3);
  set_gradients(second, 3);
  a->step();
  resumed->step();
  for (std::size_t i = 0; i < first.size(); ++i) CHECK(torch::equal(first[i], second[i]));
}

TEST_CASE("clip_gradient_norm clips exactly as clip_grad_norm_", "[train][optimizer]") {
  for (int tasks : {1, 2}) {
    for (double max_norm : {0.5, 1.0, 100.0}) {
      INFO("max norm " << max_norm << ", " << tasks << " tasks");
      auto ours = make_parameters(), theirs = make_parameters();
      set_gradients(ours, 2);  // one parameter without a gradient
      set_gradients(theirs, 2);
      const double norm = ner::clip_gradient_norm(ours, max_norm, tasks);
      CHECK(norm == torch::nn::utils::clip_grad_norm_(theirs, max_norm));
      for (std::size_t i = 0; i < ours.size(); ++i) {
        CHECK(ours[i].grad().defined() == theirs[i].grad().defined());
        if (ours[i].grad().defined()) CHECK(torch::equal(ours[i].grad(), theirs[i].grad()));
      }
    }
  }
}

TEST_CASE("tensor runs cover every tensor once, in order, in at most `tasks` runs", "[train][optimizer]") {
  std::vector<torch::Tensor> tensors;
  for (int64_t n : {1000, 10, 10, 300, 300, 300, 5, 2000}) tensors.push_back(torch::zeros({n}));
  for (int tasks : {1, 2, 3, 4, 20}) {
    INFO(tasks << " tasks");
    std::mutex mutex;
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    ner::for_each_tensor_run(tensors, tasks, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) tensors[i].add_(1);
      const std::lock_guard<std::mutex> lock(mutex);
      runs.emplace_back(begin, end);
    });
    std::sort(runs.begin(), runs.end());
    CHECK(runs.size() <= static_cast<std::size_t>(tasks));
    CHECK(runs.front().first == 0);
    CHECK(runs.back().second == tensors.size());
    for (std::size_t r = 0; r < runs.size(); ++r) {
      CHECK(runs[r].first < runs[r].second);
      if (r > 0) CHECK(runs[r].first == runs[r - 1].second);
    }
    if (tasks >= 2) CHECK(runs.size() >= 2);  // the work is shared
  }
  for (const auto& t : tensors) CHECK(torch::equal(t, torch::full_like(t, 5)));
}
