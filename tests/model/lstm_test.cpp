// ner::lstm against torch::nn::LSTM's own forward: values and the gradients of the input and of
// all four parameters, whichever path the build runs on the CPU (lstm.cpp's recurrence where
// oneDNN is built in, LibTorch's LSTM otherwise).
#include "tests/model/torch_catch.h"

#include "libner/model/lstm.h"
#include "tests/model/same_gradients.h"

namespace {

using ner_test::max_difference;

torch::nn::LSTM make_lstm(int64_t input_dim, int64_t hidden) {
  return torch::nn::LSTM(torch::nn::LSTMOptions(input_dim, hidden).batch_first(true));
}

// The parameters of an LSTM by name.
torch::Tensor parameter(const torch::nn::LSTM& layer, const std::string& name) {
  return layer->named_parameters(/*recurse=*/false)[name];
}

void check_against_torch_lstm(int64_t batch, int64_t steps, int64_t input_dim, int64_t hidden) {
  INFO("batch " << batch << ", steps " << steps << ", input " << input_dim << ", hidden " << hidden);
  auto layer = make_lstm(input_dim, hidden);
  auto reference = std::dynamic_pointer_cast<torch::nn::LSTMImpl>(layer->clone());
  const auto input = torch::randn({batch, steps, input_dim});
  const auto x = input.clone().requires_grad_(true);
  const auto x_ref = input.clone().requires_grad_(true);
  std::vector<std::pair<torch::Tensor, torch::Tensor>> leaves{{x, x_ref}};
  for (const auto* name : {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"})
    leaves.emplace_back(parameter(layer, name), parameter(torch::nn::LSTM(reference), name));
  ner_test::check_same_outputs_and_gradients(ner::lstm(layer, x), std::get<0>(reference->forward(x_ref)), leaves,
                                             1e-4);
  // The gradients reached every parameter (none of the pairs compared two undefined ones).
  for (const auto& [leaf, unused] : leaves) CHECK(leaf.grad().defined());
}

}  // namespace

TEST_CASE("ner::lstm equals torch::nn::LSTM, gradients included", "[lstm]") {
  torch::manual_seed(5);
  SECTION("a batch of sequences") { check_against_torch_lstm(3, 7, 5, 4); }
  SECTION("one sequence, whose time-major copy must not alias the input") { check_against_torch_lstm(1, 6, 3, 5); }
  SECTION("one step: no recurrent product, and no gradient of W_hh but zeros") { check_against_torch_lstm(2, 1, 4, 3); }
  SECTION("ner-train's sizes (a batch part of 8, hidden 200)") { check_against_torch_lstm(8, 30, 64, 200); }
}

TEST_CASE("ner::lstm works without gradients and on empty batches", "[lstm]") {
  torch::manual_seed(6);
  auto layer = make_lstm(4, 3);
  const auto x = torch::randn({2, 5, 4});
  const auto expected = std::get<0>(layer->forward(x)).detach();
  {
    torch::NoGradGuard no_grad;
    CHECK(max_difference(ner::lstm(layer, x), expected) < 1e-5);
  }
  {
    c10::InferenceMode inference;
    CHECK(max_difference(ner::lstm(layer, x), expected) < 1e-5);
  }
  CHECK(ner::lstm(layer, torch::randn({0, 5, 4})).sizes() == torch::IntArrayRef({0, 5, 3}));
}

TEST_CASE("ner::lstm refuses an LSTM of several layers or directions", "[lstm]") {
  const auto x = torch::randn({1, 2, 3});
  CHECK_THROWS(ner::lstm(torch::nn::LSTM(torch::nn::LSTMOptions(3, 2).batch_first(true).num_layers(2)), x));
  CHECK_THROWS(ner::lstm(torch::nn::LSTM(torch::nn::LSTMOptions(3, 2).batch_first(true).bidirectional(true)), x));
}
