#include "libner/dist/batch_shard.h"

#include <stdexcept>

namespace ner {

Batch shard_batch(const Batch& global, int rank, int world_size) {
  if (world_size < 1 || rank < 0 || rank >= world_size)
    throw std::invalid_argument("shard_batch: rank must be in [0, world_size)");
  Batch local;
  const auto step = static_cast<std::size_t>(world_size);
  local.reserve(global.size() / step + 1);
  for (std::size_t i = static_cast<std::size_t>(rank); i < global.size(); i += step) local.push_back(global[i]);
  return local;
}

double loss_share(std::size_t local, std::size_t global) {
  return global ? static_cast<double>(local) / static_cast<double>(global) : 0.0;
}

}  // namespace ner
