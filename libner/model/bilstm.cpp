#include "libner/model/bilstm.h"

#include "libner/model/dropout.h"
#include "libner/model/lstm.h"

namespace ner {

torch::Tensor reverse_within_length(const torch::Tensor& x, const torch::Tensor& mask) {
  const int64_t steps = x.size(1);
  auto lengths = mask.sum(1, /*keepdim=*/true);                                   // [B,1]
  auto t = torch::arange(steps, torch::TensorOptions().dtype(torch::kLong).device(x.device())).unsqueeze(0);  // [1,T]
  auto index = torch::where(t < lengths, lengths - 1 - t, t);                    // [B,T]
  return x.gather(1, index.unsqueeze(2).expand({x.size(0), steps, x.size(2)}));
}

BiLstm::BiLstm(int64_t input_dim, int64_t hidden, int64_t layers, double dropout)
    : hidden_(hidden), dropout_(dropout) {
  forward_ = register_module("forward", torch::nn::ModuleList());
  backward_ = register_module("backward", torch::nn::ModuleList());
  for (int64_t l = 0; l < layers; ++l) {
    const int64_t in = l == 0 ? input_dim : 2 * hidden;
    forward_->push_back(torch::nn::LSTM(torch::nn::LSTMOptions(in, hidden).batch_first(true)));
    backward_->push_back(torch::nn::LSTM(torch::nn::LSTMOptions(in, hidden).batch_first(true)));
  }
}

torch::Tensor BiLstm::forward(const torch::Tensor& x, const torch::Tensor& mask) {
  auto h = x;
  for (std::size_t l = 0; l < forward_->size(); ++l) {
    if (l > 0) h = ner::dropout(h, dropout_, is_training());
    auto ahead = lstm(torch::nn::LSTM(forward_->ptr<torch::nn::LSTMImpl>(l)), h);
    auto back = lstm(torch::nn::LSTM(backward_->ptr<torch::nn::LSTMImpl>(l)), reverse_within_length(h, mask));
    h = torch::cat({ahead, reverse_within_length(back, mask)}, 2);
  }
  return h;
}

}  // namespace ner
