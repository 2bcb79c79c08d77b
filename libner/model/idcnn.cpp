#include "libner/model/idcnn.h"

#include "libner/model/masking.h"

namespace ner {

IdCnn::IdCnn(int64_t input_dim, int64_t filters, int64_t kernel, const std::vector<int64_t>& dilations,
             int64_t iterations)
    : filters_(filters), iterations_(iterations) {
  projection_ = register_module("projection", time_major_conv1d(torch::nn::Conv1dOptions(input_dim, filters, kernel)));
  block_ = register_module("block", torch::nn::ModuleList());
  for (auto dilation : dilations)
    block_->push_back(time_major_conv1d(torch::nn::Conv1dOptions(filters, filters, kernel).dilation(dilation)));
}

torch::Tensor IdCnn::forward(const torch::Tensor& x, const torch::Tensor& mask) {
  auto h = masked_conv(*projection_, x, mask);  // [B,T,F]
  std::vector<torch::Tensor> outputs;
  for (int64_t i = 0; i < iterations_; ++i) {
    for (std::size_t j = 0; j < block_->size(); ++j)
      h = torch::relu(masked_conv(*block_->ptr<torch::nn::Conv1dImpl>(j), h, mask));
    outputs.push_back(h);
  }
  return torch::cat(outputs, 2);
}

}  // namespace ner
