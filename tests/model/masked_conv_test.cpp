// masked_conv against a plain conv1d over [B,C,T] with the same zero padding: values and the
// gradients of input, weight and bias, for the kernels and dilations the models use, whichever
// path the build runs (oneDNN's convolutions, or sgemm_time_conv's products on the CPU).
#include "tests/model/torch_catch.h"

#include "libner/model/masking.h"
#include "tests/model/same_gradients.h"

namespace {

void check_against_conv1d(int64_t channels, int64_t filters, int64_t kernel, int64_t dilation, int64_t groups,
                          int64_t batch, int64_t length) {
  INFO("kernel " << kernel << ", dilation " << dilation << ", groups " << groups << ", length " << length);
  auto conv = ner::time_major_conv1d(
      torch::nn::Conv1dOptions(channels, filters, kernel).dilation(dilation).groups(groups));
  const auto input = torch::randn({batch, length, channels});
  // Sentence b has length - b positions; the rest is padding, whose values must not count.
  auto mask = torch::ones({batch, length}, torch::kBool);
  for (int64_t b = 1; b < batch; ++b) mask[b].narrow(0, std::max<int64_t>(0, length - b), std::min(b, length)).fill_(false);

  const auto x = input.clone().requires_grad_(true);
  const auto y = ner::masked_conv(*conv, x, mask);

  const auto x_ref = input.clone().requires_grad_(true);
  const auto w_ref = conv->weight.detach().contiguous().requires_grad_(true);
  const auto b_ref = conv->bias.detach().clone().requires_grad_(true);
  const auto [left, right] = ner::same_length_padding(kernel, dilation);
  const auto masked = (x_ref * mask.unsqueeze(-1).to(torch::kFloat)).transpose(1, 2);  // [B,C,T]
  const std::vector<int64_t> stride{1}, no_padding{0}, dilations{dilation};
  const auto y_ref =
      torch::conv1d(torch::constant_pad_nd(masked, {left, right}), w_ref, b_ref, stride, no_padding, dilations, groups)
          .transpose(1, 2);
  ner_test::check_same_outputs_and_gradients(y, y_ref, {{x, x_ref}, {conv->weight, w_ref}, {conv->bias, b_ref}}, 1e-3);
  // The weight's gradient keeps the weight's layout ([F,k,C] in memory).
  CHECK(conv->weight.grad().permute({0, 2, 1}).is_contiguous());
}

}  // namespace

TEST_CASE("masked_conv equals conv1d on the masked, zero-padded input", "[model][masked_conv]") {
  torch::manual_seed(11);
  SECTION("IDCNN's kernel 3, dilations 1 and 2") {
    check_against_conv1d(12, 10, 3, 1, 1, 3, 9);
    check_against_conv1d(10, 10, 3, 2, 1, 3, 9);
  }
  SECTION("imConvNet's stem (kernel 4) and transitions (kernel 2): the extra position on the right") {
    check_against_conv1d(12, 8, 4, 1, 1, 3, 9);
    check_against_conv1d(8, 12, 2, 1, 1, 3, 9);
    check_against_conv1d(8, 6, 2, 2, 1, 2, 5);
  }
  SECTION("imConvNet's depthwise kernel 7") { check_against_conv1d(8, 8, 7, 1, 8, 3, 9); }
  SECTION("a time-major input that is a transposed view") {
    torch::nn::Conv1d conv = ner::time_major_conv1d(torch::nn::Conv1dOptions(4, 5, 3));
    const auto x = torch::randn({3, 4, 6}).transpose(1, 2);  // [B,T,C] with C not innermost
    const auto mask = torch::ones({3, 6}, torch::kBool);
    const auto expected = ner::masked_conv(*conv, x.contiguous(), mask);
    CHECK(ner_test::max_difference(ner::masked_conv(*conv, x, mask), expected) < 1e-5);
  }
  SECTION("sequences shorter than the kernel's reach") {
    check_against_conv1d(6, 5, 3, 2, 1, 2, 1);
    check_against_conv1d(6, 5, 4, 1, 1, 2, 2);
  }
}
