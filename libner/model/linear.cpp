#include "libner/model/linear.h"

#include "libner/model/cpu_sgemm.h"

namespace ner {

namespace {

// y = x W^T + b with its gradients, in cpu_sgemm.
class SgemmLinear : public torch::autograd::Function<SgemmLinear> {
 public:
  // x [..., K], weight [N, K], bias [N]; returns [..., N].
  static torch::Tensor forward(torch::autograd::AutogradContext* context, const torch::Tensor& x,
                               const torch::Tensor& weight, const torch::Tensor& bias) {
    const int64_t k = weight.size(1), n = weight.size(0);
    const int64_t m = k > 0 ? x.numel() / k : 0;  // not reshape's -1, which an empty x leaves open
    const auto rows = x.reshape({m, k}).contiguous();
    const auto w = weight.contiguous();
    // The bias goes in as C with beta 1, which saves a pass over the output. A clone, not
    // contiguous(): with one row the expanded bias counts as contiguous, and the product would
    // be added into the bias itself.
    auto out = bias.expand({m, n}).clone(at::MemoryFormat::Contiguous);
    cpu_sgemm(false, true, m, n, k, rows, w, 1.0f, out);
    context->save_for_backward({rows, w});
    auto shape = x.sizes().vec();
    shape.back() = n;
    return out.view(shape);
  }

  static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* context,
                                               torch::autograd::tensor_list grads) {
    const auto saved = context->get_saved_variables();
    const auto& rows = saved[0];
    const auto& w = saved[1];
    const int64_t m = rows.size(0), k = rows.size(1), n = w.size(0);
    const auto g = grads[0].reshape({m, n}).contiguous();
    torch::Tensor grad_x, grad_w, grad_b;
    if (context->needs_input_grad(0)) {
      grad_x = torch::empty({m, k}, g.options());
      cpu_sgemm(false, false, m, k, n, g, w, 0.0f, grad_x);
      auto shape = grads[0].sizes().vec();
      shape.back() = k;
      grad_x = grad_x.view(shape);
    }
    if (context->needs_input_grad(1)) {
      grad_w = torch::empty({n, k}, g.options());
      cpu_sgemm(true, false, n, k, m, g, rows, 0.0f, grad_w);
    }
    if (context->needs_input_grad(2)) grad_b = g.sum(0);
    return {grad_x, grad_w, grad_b};
  }
};

}  // namespace

torch::Tensor linear(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias) {
  if (cpu_sgemm_applies(x, weight)) {
    // Autograd functions take no undefined inputs: a layer without a bias adds zeros.
    return SgemmLinear::apply(x, weight, bias.defined() ? bias : torch::zeros({weight.size(0)}, x.options()));
  }
  return torch::linear(x, weight, bias);
}

torch::Tensor linear(const torch::nn::Linear& layer, const torch::Tensor& x) {
  return linear(x, layer->weight, layer->bias);
}

}  // namespace ner
