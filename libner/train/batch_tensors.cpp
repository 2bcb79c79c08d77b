#include "libner/train/batch_tensors.h"

#include <algorithm>

#include "libner/model/vocabulary.h"

namespace ner {

BatchTensors make_batch_tensors(const IdSequences& token_ids, const IdSequences* label_ids, const Batch& batch,
                                const torch::Device& device) {
  std::size_t longest = 0;
  for (std::size_t i : batch) longest = std::max(longest, token_ids[i].size());
  const auto rows = static_cast<int64_t>(batch.size()), cols = static_cast<int64_t>(longest);
  auto ids = torch::full({rows, cols}, Vocabulary::kPad, torch::kInt64);
  auto mask = torch::zeros({rows, cols}, torch::kBool);
  torch::Tensor labels = label_ids ? torch::zeros({rows, cols}, torch::kInt64) : torch::Tensor();
  auto* id_data = ids.data_ptr<int64_t>();
  auto* mask_data = mask.data_ptr<bool>();
  int64_t* label_data = label_ids ? labels.data_ptr<int64_t>() : nullptr;
  BatchTensors out;
  for (int64_t r = 0; r < rows; ++r) {
    const auto& seq = token_ids[batch[static_cast<std::size_t>(r)]];
    std::copy(seq.begin(), seq.end(), id_data + r * cols);
    std::fill(mask_data + r * cols, mask_data + r * cols + static_cast<int64_t>(seq.size()), true);
    if (label_data) {
      const auto& lab = (*label_ids)[batch[static_cast<std::size_t>(r)]];
      std::copy(lab.begin(), lab.end(), label_data + r * cols);
    }
    out.tokens += seq.size();
  }
  const bool move = device != torch::Device(torch::kCPU);
  out.token_ids = move ? ids.to(device) : ids;
  out.mask = move ? mask.to(device) : mask;
  if (label_ids) out.label_ids = move ? labels.to(device) : labels;
  return out;
}

}  // namespace ner
