#include "libner/model/crf_recursions.h"

#include <limits>
#include <utility>

#include <c10/core/impl/LocalDispatchKeySet.h>

namespace ner {

namespace {

// The recursions' matrix products must stay in the emissions' precision under bf16 autocast.
using NoAutocast = c10::impl::ExcludeDispatchKeyGuard;

// One step of either recursion: out[b,j] = log sum_i exp(x[b,i]) * weights[i,j], computed as
// log(exp(x - max_i x) @ weights) + max_i x. Only terms e^-87 (float) below the row's best
// underflow, and the best label has an allowed neighbour, so no row becomes all -inf.
torch::Tensor log_matmul_exp(const torch::Tensor& x, const torch::Tensor& weights) {
  auto top = torch::amax(x, {1}, true);
  return (x - top).exp_().mm(weights).log_().add_(top);
}

// exp(transitions - max): the sum over the previous label as a matrix product; `max` goes back in
// through the emissions.
std::pair<torch::Tensor, torch::Tensor> exp_weights(const torch::Tensor& transitions) {
  auto top = transitions.max();
  return {(transitions - top).exp(), top};
}

}  // namespace

torch::Tensor crf_alphas(const torch::Tensor& emissions, const torch::Tensor& on, const torch::Tensor& transitions,
                         const torch::Tensor& start) {
  torch::NoGradGuard no_grad;
  const NoAutocast no_autocast(c10::autocast_dispatch_keyset);
  const auto [weights, top] = exp_weights(transitions);
  const auto e = (emissions + top).unbind(0);
  const auto m = on.unbind(0);
  auto alphas = torch::empty(emissions.sizes(), emissions.options());
  auto a = alphas.unbind(0);
  torch::add_out(a[0], emissions[0], start.unsqueeze(0));
  for (std::size_t t = 1; t < a.size(); ++t)
    torch::where_out(a[t], m[t], log_matmul_exp(a[t - 1], weights).add_(e[t]), a[t - 1]);
  return alphas;
}

torch::Tensor crf_betas(const torch::Tensor& emissions, const torch::Tensor& on, const torch::Tensor& transitions,
                        const torch::Tensor& end) {
  torch::NoGradGuard no_grad;
  const NoAutocast no_autocast(c10::autocast_dispatch_keyset);
  const auto [weights, top] = exp_weights(transitions);
  const auto weights_from = weights.t();  // beta sums over the next label
  const auto e = (emissions + top).unbind(0);
  const auto m = on.unbind(0);
  auto betas = torch::empty(emissions.sizes(), emissions.options());
  auto b = betas.unbind(0);
  b.back().copy_(end.unsqueeze(0).expand_as(b.back()));
  for (std::size_t t = b.size() - 1; t > 0; --t)
    torch::where_out(b[t - 1], m[t], log_matmul_exp(e[t] + b[t], weights_from), b[t]);
  return betas;
}

namespace {

// log Z with its gradient from the marginals: d log Z / d e_t[j] = p(y_t = j), d / d start[j] =
// p(y_0 = j), d / d end[j] = p(y_last = j), d / d trans[i,j] = sum_t p(y_t-1 = i, y_t = j).
class LogPartition : public torch::autograd::Function<LogPartition> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& emissions,
                               const torch::Tensor& mask, const torch::Tensor& transitions, const torch::Tensor& start,
                               const torch::Tensor& end) {
    auto e = emissions.transpose(0, 1).contiguous();  // [T,B,L]
    auto on = mask.transpose(0, 1).unsqueeze(2);      // [T,B,1]
    auto alphas = crf_alphas(e, on, transitions, start);
    auto log_z = torch::logsumexp(alphas[-1] + end.unsqueeze(0), 1);
    ctx->save_for_backward({e, on, transitions, end, alphas, log_z});
    return log_z;
  }

  static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                               torch::autograd::tensor_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto &e = saved[0], &on = saved[1], &transitions = saved[2], &end = saved[3], &alphas = saved[4],
               &log_z = saved[5];
    const int64_t steps = e.size(0);
    const auto grad = grads[0].view({1, -1, 1});  // [1,B,1]
    auto weight = on.to(e.scalar_type());
    weight[0].fill_(1);
    weight.mul_(grad);  // [T,B,1]: the step's share of the gradient, 0 past a row's end
    auto betas = crf_betas(e, on, transitions, end);
    auto grad_e = (alphas + betas - log_z.view({1, -1, 1})).exp_().mul_(weight);
    auto grad_start = grad_e[0].sum(0);
    auto grad_end = (alphas[-1] + end.unsqueeze(0) - log_z.unsqueeze(1)).exp_().mul_(grad[0]).sum(0);
    torch::Tensor grad_transitions;
    if (steps > 1) {
      const auto before = alphas.narrow(0, 0, steps - 1).unsqueeze(3);                                 // [T-1,B,L,1]
      // Padded steps hold arbitrary emissions: -inf there, so that exp() gives 0 rather than inf * 0.
      const auto padded = on.narrow(0, 1, steps - 1).logical_not();
      const auto after = (e.narrow(0, 1, steps - 1) + betas.narrow(0, 1, steps - 1))
                             .masked_fill_(padded, -std::numeric_limits<double>::infinity())
                             .unsqueeze(2);  // [T-1,B,1,L]
      grad_transitions = (before + transitions + after - log_z.view({1, -1, 1, 1}))
                             .exp_()
                             .mul_(weight.narrow(0, 1, steps - 1).unsqueeze(3))
                             .sum(std::vector<int64_t>{0, 1});
    } else {
      grad_transitions = torch::zeros_like(transitions);
    }
    return {grad_e.transpose(0, 1), torch::Tensor(), grad_transitions, grad_start, grad_end};
  }
};

}  // namespace

torch::Tensor crf_log_partition(const torch::Tensor& emissions, const torch::Tensor& mask,
                                const torch::Tensor& transitions, const torch::Tensor& start,
                                const torch::Tensor& end) {
  return LogPartition::apply(emissions, mask, transitions, start, end);
}

}  // namespace ner
