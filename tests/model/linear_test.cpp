// ner::linear against at::linear: values and the gradients of input, weight and bias, whichever
// kernel the build multiplies with on the CPU (oneDNN's sgemm or LibTorch's BLAS).
#include "tests/model/torch_catch.h"

#include <functional>

#include "libner/model/linear.h"
#include "tests/model/same_gradients.h"

namespace {

using ner_test::max_difference;

// Checks ner::linear(layer, view(x)) and its gradients against at::linear on a copy of x; `view`
// gives the layer a strided view, as the BERT pooler's select(1, 0) does.
void check_against_at_linear(torch::nn::Linear layer, const torch::Tensor& input,
                             const std::function<torch::Tensor(const torch::Tensor&)>& view =
                                 [](const torch::Tensor& t) { return t; }) {
  const auto x = input.clone().requires_grad_(true);
  const auto x_ref = input.clone().requires_grad_(true);
  const auto w_ref = layer->weight.detach().clone().requires_grad_(true);
  const auto b_ref = layer->bias.defined() ? layer->bias.detach().clone().requires_grad_(true) : torch::Tensor();
  layer->zero_grad();

  ner_test::check_same_outputs_and_gradients(ner::linear(layer, view(x)), torch::linear(view(x_ref), w_ref, b_ref),
                                             {{x, x_ref}, {layer->weight, w_ref}, {layer->bias, b_ref}}, 1e-4);
  // The parameters are read, never written.
  CHECK(torch::equal(layer->weight, w_ref));
  if (b_ref.defined()) CHECK(torch::equal(layer->bias, b_ref));
}

}  // namespace

TEST_CASE("ner::linear equals at::linear, gradients included", "[linear]") {
  torch::manual_seed(7);
  SECTION("a batch of sequences [B,T,C]") {
    check_against_at_linear(torch::nn::Linear(13, 29), torch::randn({3, 17, 13}));
  }
  SECTION("a matrix, without a bias") {
    check_against_at_linear(torch::nn::Linear(torch::nn::LinearOptions(8, 5).bias(false)), torch::randn({11, 8}));
  }
  SECTION("a transposed (non-contiguous) input") {
    check_against_at_linear(torch::nn::Linear(6, 9), torch::randn({6, 4, 2}),
                            [](const torch::Tensor& t) { return t.permute({2, 1, 0}); });
  }
  SECTION("the first position of each sequence (a strided view); one row, whose output must not alias the bias") {
    const auto first = [](const torch::Tensor& t) { return t.select(1, 0); };
    check_against_at_linear(torch::nn::Linear(8, 8), torch::randn({3, 5, 8}), first);
    check_against_at_linear(torch::nn::Linear(8, 8), torch::randn({1, 5, 8}), first);
  }
  SECTION("no rows") {
    torch::nn::Linear layer(4, 3);
    const auto x = torch::randn({0, 5, 4}, torch::requires_grad());
    const auto y = ner::linear(layer, x);
    CHECK(y.sizes() == torch::IntArrayRef({0, 5, 3}));
    y.sum().backward();
    CHECK(x.grad().sizes() == x.sizes());
    CHECK(layer->weight.grad().abs().sum().item<double>() == 0.0);
  }
}

TEST_CASE("ner::linear keeps the input's dtype and works without gradients", "[linear]") {
  torch::manual_seed(8);
  torch::nn::Linear layer(5, 4);
  SECTION("float64 goes through LibTorch") {
    layer->to(torch::kDouble);
    const auto x = torch::randn({2, 3, 5}, torch::kDouble);
    const auto y = ner::linear(layer, x);
    CHECK(y.scalar_type() == torch::kDouble);
    CHECK(max_difference(y, torch::linear(x, layer->weight, layer->bias)) < 1e-12);
  }
  SECTION("under NoGradGuard and InferenceMode") {
    const auto x = torch::randn({2, 3, 5});
    const auto expected = torch::linear(x, layer->weight, layer->bias).detach();
    {
      torch::NoGradGuard no_grad;
      CHECK(max_difference(ner::linear(layer, x), expected) < 1e-5);
    }
    {
      c10::InferenceMode inference;
      CHECK(max_difference(ner::linear(layer, x), expected) < 1e-5);
    }
  }
}
