#include "libner/model/idcnn.h"

#include "libner/model/masking.h"

namespace ner {

IdCnn::IdCnn(int64_t input_dim, int64_t filters, int64_t kernel, const std::vector<int64_t>& dilations,
             int64_t iterations)
    : filters_(filters), kernel_(kernel), iterations_(iterations), dilations_(dilations) {
  projection_ = register_module("projection", torch::nn::Conv1d(torch::nn::Conv1dOptions(input_dim, filters, kernel)));
  block_ = register_module("block", torch::nn::ModuleList());
  for (auto dilation : dilations)
    block_->push_back(torch::nn::Conv1d(torch::nn::Conv1dOptions(filters, filters, kernel).dilation(dilation)));
}

torch::Tensor IdCnn::forward(const torch::Tensor& x, const torch::Tensor& mask) {
  // Every convolution's input is zeroed past the sentence's end and padded to keep the length.
  auto conv = [&](torch::nn::Conv1dImpl& c, const torch::Tensor& h, int64_t dilation) {
    return c.forward(pad_for_same_length(zero_padding_channels_first(h, mask), kernel_, dilation));
  };
  auto h = conv(*projection_, x.transpose(1, 2), 1);  // [B,F,T]
  std::vector<torch::Tensor> outputs;
  for (int64_t i = 0; i < iterations_; ++i) {
    for (std::size_t j = 0; j < dilations_.size(); ++j)
      h = torch::relu(conv(*block_->ptr<torch::nn::Conv1dImpl>(j), h, dilations_[j]));
    outputs.push_back(h);
  }
  return torch::cat(outputs, 1).transpose(1, 2);
}

}  // namespace ner
