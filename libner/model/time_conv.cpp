#include "libner/model/time_conv.h"

#include <algorithm>
#include <vector>

#include "libner/model/cpu_sgemm.h"

namespace ner {

namespace {

// The outputs t in [0,T) whose tap reads t + offset inside [0,T): `count` of them from `first`,
// reading from `first + offset`.
struct TapSpan {
  int64_t first, source, count;
};

TapSpan tap_span(int64_t length, int64_t offset) {
  const int64_t count = std::max<int64_t>(0, length - (offset < 0 ? -offset : offset));
  return offset >= 0 ? TapSpan{0, offset, count} : TapSpan{-offset, 0, count};
}

class SgemmTimeConv : public torch::autograd::Function<SgemmTimeConv> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* context, const torch::Tensor& input,
                               const torch::Tensor& mask, const torch::Tensor& weight, const torch::Tensor& bias,
                               int64_t dilation, int64_t left) {
    // Masked here rather than by an operator before: the backward pass then masks the input's
    // gradient in place instead of running a multiplication's own node.
    const auto keep = mask.unsqueeze(-1).to(input.scalar_type());
    const auto x = (input * keep).contiguous();  // a product keeps a permuted input's strides
    const int64_t batch = x.size(0), length = x.size(1), channels = x.size(2);
    const int64_t filters = weight.size(0), kernel = weight.size(2);
    const auto w = weight.permute({0, 2, 1}).contiguous();  // [F,k,C]: no copy for time_major_conv1d's weights
    auto z = torch::empty({batch, length, filters, kernel}, x.options());
    cpu_sgemm(false, true, batch * length, filters * kernel, channels, x, w, 0.0f, z);
    auto y = bias.expand({batch, length, filters}).clone(at::MemoryFormat::Contiguous);
    for (int64_t j = 0; j < kernel; ++j) {
      const auto span = tap_span(length, j * dilation - left);
      if (span.count > 0) y.narrow(1, span.first, span.count).add_(z.narrow(1, span.source, span.count).select(3, j));
    }
    context->save_for_backward({x, w, keep});
    context->saved_data["dilation"] = dilation;
    context->saved_data["left"] = left;
    return y;
  }

  static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* context,
                                               torch::autograd::tensor_list grads) {
    const auto saved = context->get_saved_variables();
    const auto& x = saved[0];
    const auto& w = saved[1];  // [F,k,C]
    const auto& keep = saved[2];
    const int64_t dilation = context->saved_data["dilation"].toInt(), left = context->saved_data["left"].toInt();
    const int64_t batch = x.size(0), length = x.size(1), channels = x.size(2);
    const int64_t filters = w.size(0), kernel = w.size(1);
    const auto& grad_y = grads[0];
    // dL/dZ: each tap's slice is dL/dy moved back by the tap's offset, zero where the tap read
    // nothing: only those rows are zeroed (zeroing all of Z first made this backward 3-6% slower).
    auto grad_z = torch::empty({batch, length, filters, kernel}, x.options());
    for (int64_t j = 0; j < kernel; ++j) {
      const auto span = tap_span(length, j * dilation - left);
      auto tap = grad_z.select(3, j);
      const int64_t begin = span.count > 0 ? span.source : 0, end = begin + span.count;  // rows the tap reached
      tap.narrow(1, 0, begin).zero_();
      if (span.count > 0) tap.narrow(1, begin, span.count).copy_(grad_y.narrow(1, span.first, span.count));
      tap.narrow(1, end, length - end).zero_();
    }
    torch::Tensor grad_x, grad_w, grad_b;
    if (context->needs_input_grad(0)) {
      grad_x = torch::empty({batch, length, channels}, x.options());
      cpu_sgemm(false, false, batch * length, channels, filters * kernel, grad_z, w, 0.0f, grad_x);
      grad_x.mul_(keep);
    }
    if (context->needs_input_grad(2)) {
      auto grad_w_rows = torch::empty({filters, kernel, channels}, x.options());
      cpu_sgemm(true, false, filters * kernel, channels, batch * length, grad_z, x, 0.0f, grad_w_rows);
      grad_w = grad_w_rows.permute({0, 2, 1});  // [F,C,k] in the weight's own layout
    }
    if (context->needs_input_grad(3)) grad_b = grad_y.sum(std::vector<int64_t>{0, 1});
    return {grad_x, torch::Tensor(), grad_w, grad_b, torch::Tensor(), torch::Tensor()};
  }
};

}  // namespace

torch::Tensor sgemm_time_conv(const torch::Tensor& x, const torch::Tensor& mask, const torch::Tensor& weight,
                              const torch::Tensor& bias, int64_t dilation, int64_t left) {
  const auto b = bias.defined() ? bias : torch::zeros({weight.size(0)}, x.options());
  return SgemmTimeConv::apply(x, mask, weight, b, dilation, left);
}

}  // namespace ner
