#include "libner/model/bilstm.h"

namespace ner {

BiLstm::BiLstm(int64_t input_dim, int64_t hidden, int64_t layers, double dropout) : hidden_(hidden) {
  lstm_ = register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(input_dim, hidden)
                                                      .num_layers(layers)
                                                      .bidirectional(true)
                                                      .batch_first(true)
                                                      .dropout(layers > 1 ? dropout : 0.0)));
}

torch::Tensor BiLstm::forward(const torch::Tensor& x, const torch::Tensor& mask) {
  namespace rnn = torch::nn::utils::rnn;
  // Packing needs lengths on the CPU and at least one step per row; an empty row's output is
  // padding anyway.
  auto lengths = mask.sum(1).clamp_min(1).to(torch::kCPU, torch::kLong);
  auto packed = rnn::pack_padded_sequence(x, lengths, /*batch_first=*/true, /*enforce_sorted=*/false);
  auto output = std::get<0>(lstm_->forward_with_packed_input(packed));
  return std::get<0>(rnn::pad_packed_sequence(output, /*batch_first=*/true, 0.0, x.size(1)));
}

}  // namespace ner
