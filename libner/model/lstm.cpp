#include "libner/model/lstm.h"

#include <algorithm>

#include "libner/model/cpu_sgemm.h"
#include "libner/model/linear.h"

namespace ner {

namespace {

// One step of the cell on activated gates a [B,4H] (input, forget, cell, output): c = f c_before + i g.
void next_cell(int64_t batch, int64_t hidden, const float* a, const float* __restrict c_before, float* __restrict c) {
  for (int64_t b = 0; b < batch; ++b, a += 4 * hidden, c_before += hidden, c += hidden) {
    const float *__restrict i = a, *__restrict f = a + hidden, *__restrict g = a + 2 * hidden;
    for (int64_t j = 0; j < hidden; ++j) c[j] = f[j] * c_before[j] + i[j] * g[j];
  }
}

// h = o tanh(c).
void cell_output(int64_t batch, int64_t hidden, const float* a, const float* __restrict tanh_c, float* __restrict h) {
  for (int64_t b = 0; b < batch; ++b, a += 4 * hidden, tanh_c += hidden, h += hidden) {
    const float* __restrict o = a + 3 * hidden;
    for (int64_t j = 0; j < hidden; ++j) h[j] = o[j] * tanh_c[j];
  }
}

// The gradients of one step's gate pre-activations d [B,4H] from the gradient of its h (dh) and of
// its c from the step after (dc, which becomes the gradient of c_before).
void cell_gradients(int64_t batch, int64_t hidden, const float* a, const float* __restrict c_before,
                    const float* __restrict tanh_c, const float* __restrict dh, float* __restrict d,
                    float* __restrict dc) {
  for (int64_t b = 0; b < batch; ++b) {
    const float *__restrict i = a, *__restrict f = a + hidden, *__restrict g = a + 2 * hidden,
                *__restrict o = a + 3 * hidden;
    for (int64_t j = 0; j < hidden; ++j) {
      const float dc_j = dc[j] + dh[j] * o[j] * (1.0f - tanh_c[j] * tanh_c[j]);
      d[j] = dc_j * g[j] * i[j] * (1.0f - i[j]);
      d[hidden + j] = dc_j * c_before[j] * f[j] * (1.0f - f[j]);
      d[2 * hidden + j] = dc_j * i[j] * (1.0f - g[j] * g[j]);
      d[3 * hidden + j] = dh[j] * tanh_c[j] * o[j] * (1.0f - o[j]);
      dc[j] = dc_j * f[j];
    }
    a += 4 * hidden, c_before += hidden, tanh_c += hidden, dh += hidden, d += 4 * hidden, dc += hidden;
  }
}

// The hidden states of all steps from the input's gate pre-activations, with their gradients.
class LstmRecurrence : public torch::autograd::Function<LstmRecurrence> {
 public:
  // gates_x [T,B,4H] (x W_ih^T + b_ih + b_hh, time-major, so that each step's rows are one
  // matrix), weight_hh [4H,H]; returns h [T,B,H].
  static torch::Tensor forward(torch::autograd::AutogradContext* context, const torch::Tensor& gates_x,
                               const torch::Tensor& weight_hh) {
    const int64_t steps = gates_x.size(0), batch = gates_x.size(1), hidden = weight_hh.size(1);
    // A copy of its own, which turns into the activated gates.
    auto gates = torch::empty({steps, batch, 4 * hidden}, gates_x.options());
    gates.copy_(gates_x);
    // W_hh^T stored [H,4H]: oneDNN multiplies [B,H] by it about twice as fast as by a transposed
    // [4H,H] (measured at B 8, H 200).
    const auto w_t = weight_hh.t().contiguous();
    auto cell = torch::empty({steps, batch, hidden}, gates.options());
    auto tanh_cell = torch::empty_like(cell);
    auto h = torch::empty_like(cell);
    const auto no_cell = torch::zeros({batch, hidden}, gates.options());  // the state before the first step
    const int64_t rows = batch * hidden;
    for (int64_t t = 0; t < steps; ++t) {
      auto step = gates[t], tanh_c = tanh_cell[t];
      float* a = step.data_ptr<float>();
      float* c = cell.data_ptr<float>() + t * rows;
      if (t > 0) cpu_sgemm(false, false, batch, 4 * hidden, hidden, h.data_ptr<float>() + (t - 1) * rows,
                           w_t.data_ptr<float>(), 1.0f, a);
      // LibTorch's vectorized activations: a loop of std::exp and std::tanh made training 1.5x slower.
      step.narrow(1, 0, 2 * hidden).sigmoid_();  // input and forget gates
      step.narrow(1, 2 * hidden, hidden).tanh_();
      step.narrow(1, 3 * hidden, hidden).sigmoid_();  // output gate
      next_cell(batch, hidden, a, t > 0 ? c - rows : no_cell.data_ptr<float>(), c);
      torch::tanh_out(tanh_c, cell[t]);
      cell_output(batch, hidden, a, tanh_c.data_ptr<float>(), h.data_ptr<float>() + t * rows);
    }
    context->save_for_backward({gates, cell, tanh_cell, h, weight_hh.contiguous()});
    return h;
  }

  static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* context,
                                               torch::autograd::tensor_list grads) {
    const auto saved = context->get_saved_variables();
    const auto &gates = saved[0], &cell = saved[1], &tanh_cell = saved[2], &h = saved[3], &w = saved[4];
    const int64_t steps = gates.size(0), batch = gates.size(1), hidden = w.size(1), rows = batch * hidden;
    // The gradient reaching each step's h, to which the next step's part is added in place.
    auto grad_h = torch::empty({steps, batch, hidden}, h.options());
    grad_h.copy_(grads[0]);
    auto grad_gates = torch::empty_like(gates);
    auto grad_cell = torch::zeros({batch, hidden}, h.options());  // from the step after
    const auto no_cell = torch::zeros({batch, hidden}, h.options());
    for (int64_t t = steps - 1; t >= 0; --t) {
      float* d = grad_gates.data_ptr<float>() + t * 4 * rows;
      const float* c = cell.data_ptr<float>() + t * rows;
      cell_gradients(batch, hidden, gates.data_ptr<float>() + t * 4 * rows,
                     t > 0 ? c - rows : no_cell.data_ptr<float>(), tanh_cell.data_ptr<float>() + t * rows,
                     grad_h.data_ptr<float>() + t * rows, d, grad_cell.data_ptr<float>());
      if (t > 0) cpu_sgemm(false, false, batch, hidden, 4 * hidden, d, w.data_ptr<float>(), 1.0f,
                           grad_h.data_ptr<float>() + (t - 1) * rows);
    }
    torch::Tensor grad_w;
    if (context->needs_input_grad(1)) {
      // Every step's product with the h before it, in one: the first step had none.
      grad_w = torch::empty_like(w);
      const int64_t pairs = std::max<int64_t>(steps - 1, 0);
      const auto later = grad_gates.narrow(0, steps - pairs, pairs), earlier = h.narrow(0, 0, pairs);
      cpu_sgemm(true, false, 4 * hidden, hidden, pairs * batch, later, earlier, 0.0f, grad_w);
    }
    return {grad_gates, grad_w};
  }
};

}  // namespace

torch::Tensor lstm(torch::nn::LSTM layer, const torch::Tensor& x) {
  const auto& options = layer->options;
  TORCH_CHECK(options.num_layers() == 1 && !options.bidirectional() && options.batch_first(),
              "ner::lstm: expects a one-layer, one-direction, batch-first LSTM");
  const auto parameters = layer->named_parameters(/*recurse=*/false);
  const auto& weight_ih = parameters["weight_ih_l0"];
  if (!cpu_sgemm_applies(x, weight_ih) || !options.bias()) return std::get<0>(layer->forward(x));
  // Time-major from the start: the product reads x [B,T,D] transposed (a copy of x rather than of
  // the four times wider gates), and the gates' gradient reaches it contiguous.
  const auto gates_x = linear(x.transpose(0, 1), weight_ih, parameters["bias_ih_l0"] + parameters["bias_hh_l0"]);
  return LstmRecurrence::apply(gates_x, parameters["weight_hh_l0"]).transpose(0, 1);
}

}  // namespace ner
