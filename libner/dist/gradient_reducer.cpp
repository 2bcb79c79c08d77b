#include "libner/dist/gradient_reducer.h"

#include <unordered_set>

#include "libner/io/error.h"

namespace ner {

namespace {

std::vector<torch::Tensor> unique_trainable(const std::vector<torch::Tensor>& parameters) {
  std::vector<torch::Tensor> out;
  std::unordered_set<const void*> seen;
  for (const auto& p : parameters)
    if (p.defined() && p.requires_grad() && seen.insert(p.unsafeGetTensorImpl()).second) out.push_back(p);
  return out;
}

}  // namespace

void broadcast_parameters(ProcessGroupHandle& group, torch::nn::Module& module) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> tensors = module.parameters();
  for (const auto& b : module.buffers()) tensors.push_back(b);

  // The same model everywhere, or the broadcasts below would pair tensors of different sizes.
  double elements = 0;
  for (const auto& t : tensors) elements += static_cast<double>(t.numel());
  auto sizes = torch::tensor({static_cast<double>(tensors.size()), elements, elements * elements},
                             torch::TensorOptions().dtype(torch::kFloat64)).to(group.device());
  group.allreduce_sum(sizes);
  sizes = sizes.to(torch::kCPU);
  const double n = group.size();
  if (sizes[0].item<double>() != n * static_cast<double>(tensors.size()) || sizes[1].item<double>() != n * elements ||
      sizes[2].item<double>() != n * elements * elements)
    throw Error("rank " + std::to_string(group.rank()) +
                ": the ranks built different models (give every rank the same options and training data)");

  for (auto& t : tensors) {
    auto data = t.detach();
    // Gloo carries numbers, not bools (masks kept as buffers): those travel as bytes.
    if (data.is_contiguous() && data.scalar_type() != torch::kBool) {
      group.broadcast(data, 0);
    } else {
      auto copy = data.scalar_type() == torch::kBool ? data.to(torch::kUInt8).contiguous() : data.contiguous();
      group.broadcast(copy, 0);
      data.copy_(copy);
    }
  }
}

GradientReducer::GradientReducer(ProcessGroupHandle& group, const std::vector<torch::Tensor>& parameters,
                                 std::size_t bucket_bytes, bool overlap)
    : group_(group), overlap_(overlap) {
  const auto trainable = unique_trainable(parameters);
  std::size_t bytes = 0;
  for (auto it = trainable.rbegin(); it != trainable.rend(); ++it) {
    const auto& p = *it;
    const std::size_t size = static_cast<std::size_t>(p.numel()) * p.element_size();
    const bool fits = !buckets_.empty() && buckets_.back().slots.front().parameter.dtype() == p.dtype() &&
                      buckets_.back().slots.front().parameter.device() == p.device() &&
                      bytes + size <= bucket_bytes;
    if (!fits) {
      buckets_.emplace_back();
      bytes = 0;
    }
    Slot slot;
    slot.parameter = p;
    slot.offset = static_cast<std::int64_t>(bytes / p.element_size());
    buckets_.back().slots.push_back(slot);
    bytes += size;
  }
  for (auto& bucket : buckets_) {
    std::int64_t numel = 0;
    for (const auto& s : bucket.slots) numel += s.parameter.numel();
    bucket.flat = torch::zeros({numel}, bucket.slots.front().parameter.options().requires_grad(false));
  }
  if (!overlap_) return;
  for (std::size_t b = 0; b < buckets_.size(); ++b)
    for (std::size_t s = 0; s < buckets_[b].slots.size(); ++s) {
      auto& p = buckets_[b].slots[s].parameter;
      const unsigned handle = p.register_hook([this, b, s](const torch::Tensor& gradient) { on_gradient(b, s, gradient); });
      hooks_.emplace_back(p, handle);
    }
}

GradientReducer::~GradientReducer() {
  for (auto& [p, handle] : hooks_) p.remove_hook(handle);
}

void GradientReducer::prepare(double share) {
  std::lock_guard<std::mutex> lock(mutex_);
  share_ = share;
  next_start_ = 0;
  armed_ = true;
  for (auto& bucket : buckets_) {
    bucket.flat.zero_();
    bucket.filled = 0;
    bucket.started = false;
    for (auto& s : bucket.slots) s.filled = false;
  }
}

void GradientReducer::on_gradient(std::size_t b, std::size_t s, const torch::Tensor& gradient) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!armed_) return;  // a backward pass outside prepare()/finish(): not ours to reduce
  auto& bucket = buckets_[b];
  auto& slot = bucket.slots[s];
  if (slot.filled || bucket.started)
    throw Error("GradientReducer: a parameter's gradient arrived twice in one step (one backward pass per step)");
  torch::NoGradGuard no_grad;
  bucket.flat.narrow(0, slot.offset, slot.parameter.numel()).view_as(slot.parameter).copy_(gradient);
  slot.filled = true;
  if (++bucket.filled == bucket.slots.size()) start_ready_buckets();
}

void GradientReducer::start_ready_buckets() {
  while (next_start_ < buckets_.size() && buckets_[next_start_].filled == buckets_[next_start_].slots.size())
    start(buckets_[next_start_++]);
}

void GradientReducer::start(Bucket& bucket) {
  if (share_ != 1) bucket.flat.mul_(share_);
  bucket.started = true;
  bucket.reduction = group_.allreduce_sum_async(bucket.flat);
}

void GradientReducer::finish() {
  torch::NoGradGuard no_grad;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!armed_) throw Error("GradientReducer: finish() without prepare()");
    if (!overlap_) {
      for (auto& bucket : buckets_)
        for (auto& slot : bucket.slots) {
          const auto& g = slot.parameter.grad();
          if (g.defined()) bucket.flat.narrow(0, slot.offset, slot.parameter.numel()).view_as(slot.parameter).copy_(g);
        }
    }
    // Parameters without a gradient this step (unused, or an empty slice) count as zeros.
    while (next_start_ < buckets_.size()) start(buckets_[next_start_++]);
    armed_ = false;
  }
  for (auto& bucket : buckets_) {
    bucket.reduction.wait();
    for (auto& slot : bucket.slots) {
      auto reduced = bucket.flat.narrow(0, slot.offset, slot.parameter.numel()).view_as(slot.parameter);
      auto& grad = slot.parameter.mutable_grad();
      if (grad.defined())
        grad.copy_(reduced);
      else
        grad = reduced.clone();
    }
  }
}

void allreduce_gradients(ProcessGroupHandle& group, torch::nn::Module& module, double share, std::size_t bucket_bytes) {
  GradientReducer reducer(group, module.parameters(), bucket_bytes, /*overlap=*/false);
  reducer.prepare(share);
  reducer.finish();
}

}  // namespace ner
