// Sentences of ids to the tensors the model takes: left-aligned rows padded on the right to the
// batch's longest sentence (Vocabulary::kPad for tokens, label 0 for labels) and a mask that is
// true on real tokens (the layout NerModel documents). Built on the CPU, then moved to `device`
// in one copy.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "libner/train/batching.h"

namespace ner {

struct BatchTensors {
  torch::Tensor token_ids;  // [B,T] int64
  torch::Tensor mask;       // [B,T] bool
  torch::Tensor label_ids;  // [B,T] int64; undefined when no labels were given
  std::size_t tokens = 0;   // real tokens in the batch
};

using IdSequences = std::vector<std::vector<int64_t>>;

BatchTensors make_batch_tensors(const IdSequences& token_ids, const IdSequences* label_ids, const Batch& batch,
                                const torch::Device& device);

}  // namespace ner
