// WeightAverage: the moving average's arithmetic step by step, the exchange with the weights, and
// its round trip through a checkpoint's tensors.
#include "tests/model/torch_catch.h"

#include <algorithm>

#include "libner/io/error.h"
#include "libner/train/weight_average.h"

namespace {

std::vector<torch::Tensor> parameters() {
  return {torch::tensor({1.0f, 2.0f}).requires_grad_(), torch::tensor({{-1.0f}, {4.0f}, {0.5f}}).requires_grad_()};
}

void set_weights(std::vector<torch::Tensor>& ps, float base) {
  torch::NoGradGuard no_grad;
  for (std::size_t i = 0; i < ps.size(); ++i) ps[i].fill_(base + static_cast<float>(i));
}

}  // namespace

TEST_CASE("the weight average follows average = d*average + (1-d)*weights, d warming up", "[train][ema]") {
  const double decay = 0.9;
  for (int tasks : {1, 2}) {
    INFO("tasks " << tasks);
    auto ps = parameters();
    std::vector<torch::Tensor> expected;
    for (const auto& p : ps) expected.push_back(p.detach().clone());
    ner::WeightAverage average(ps, decay);
    REQUIRE(average.active());
    for (std::size_t step = 0; step < 40; ++step) {
      set_weights(ps, static_cast<float>(step) * 0.25f - 3);
      average.update(step, tasks);
      const double d = std::min(decay, (1.0 + step) / (10.0 + step));  // 0.1, 0.18, ... then 0.9
      for (std::size_t i = 0; i < ps.size(); ++i) expected[i] = expected[i] * d + ps[i].detach() * (1 - d);
    }
    const auto trained = ps[1].detach().clone();
    average.swap();
    for (std::size_t i = 0; i < ps.size(); ++i) CHECK(torch::allclose(ps[i].detach(), expected[i], 1e-5, 1e-6));
    average.swap();
    CHECK(torch::equal(ps[1].detach(), trained));
    CHECK(ps[1].requires_grad());
  }
}

TEST_CASE("AveragedWeights puts the average in for a scope and the weights back after it", "[train][ema]") {
  auto ps = parameters();
  ner::WeightAverage average(ps, 0.5);
  set_weights(ps, 10);
  const auto trained = ps[0].detach().clone();
  average.update(100);  // d = 0.5: halfway between the initial weights and these
  try {
    const ner::AveragedWeights averaged(average);
    CHECK(torch::allclose(ps[0].detach(), torch::tensor({5.5f, 6.0f})));
    throw std::runtime_error("leaves the scope");
  } catch (const std::runtime_error&) {
  }
  CHECK(torch::equal(ps[0].detach(), trained));
}

TEST_CASE("a decay of 0 averages nothing; out of [0, 1) is refused", "[train][ema]") {
  auto ps = parameters();
  ner::WeightAverage none(ps, 0);
  CHECK_FALSE(none.active());
  const auto before = ps[0].detach().clone();
  none.update(3);
  none.swap();
  CHECK(torch::equal(ps[0].detach(), before));
  ner::NamedTensors tensors;
  none.save(tensors);
  CHECK(tensors.empty());
  CHECK_THROWS_AS(ner::WeightAverage(ps, 1.0), ner::UsageError);
  CHECK_THROWS_AS(ner::WeightAverage(ps, -0.1), ner::UsageError);
}

TEST_CASE("the average is saved as named tensors and loaded back; a misfit is an error", "[train][ema]") {
  auto ps = parameters();
  ner::WeightAverage average(ps, 0.9);
  set_weights(ps, 2);
  average.update(50);
  ner::NamedTensors tensors{{"model.x", torch::zeros({1})}};
  average.save(tensors);
  REQUIRE(tensors.size() == 3);

  auto fresh = parameters();
  ner::WeightAverage loaded(fresh, 0.9);
  CHECK(loaded.load(tensors, "m.ckpt"));
  loaded.swap();
  average.swap();
  for (std::size_t i = 0; i < ps.size(); ++i) CHECK(torch::equal(fresh[i].detach(), ps[i].detach()));

  CHECK_FALSE(loaded.load({{"model.x", torch::zeros({1})}}, "m.ckpt"));  // a run without --ema
  ner::NamedTensors wrong = tensors;
  wrong.back().second = torch::zeros({2, 2});
  CHECK_THROWS_WITH(loaded.load(wrong, "m.ckpt"), Catch::Contains("m.ckpt") && Catch::Contains("does not fit"));
  wrong.pop_back();
  CHECK_THROWS_WITH(loaded.load(wrong, "m.ckpt"), Catch::Contains("averages 1 tensors"));
}
