// Which sentences of a global batch each rank trains on. Every rank computes the same global
// batches from the same seed (libner/train/batching.h) and takes its own slice of each, so that
// world_size ranks together step through exactly the batches one process would: the global batch
// size stays what --batch-size says, and the result matches single-process training (up to the
// order of floating-point sums). Torch-free.
#pragma once

#include <cstddef>
#include <vector>

#include "libner/train/batching.h"

namespace ner {

// The positions rank, rank + world_size, rank + 2·world_size, ... of `global`. Strided rather than
// contiguous: a global batch is sorted by length, so a contiguous cut would give the last rank
// the longest sentences and make every other rank wait for it at the all-reduce. The slices of
// all ranks cover the batch exactly once; sizes differ by at most one, and a rank's slice is empty
// when the batch has fewer sentences than there are ranks.
Batch shard_batch(const Batch& global, int rank, int world_size);

// The weight of a rank's mean loss in the global batch's mean: local / global (sentences for a
// CRF's per-sentence mean, tokens for a softmax's per-token mean). Summing the gradients of
// share × local mean over the ranks gives the gradient of the global mean, also when the slices
// are unequal; a plain average of the ranks' gradients would not. 0 when global is 0.
double loss_share(std::size_t local, std::size_t global);

}  // namespace ner
