#include "libner/model/crf.h"

#include <limits>

#include "libner/io/error.h"
#include "libner/model/crf_recursions.h"

namespace ner {

namespace {

// The training penalty on a forbidden transition: large enough that no allowed path competes with
// a forbidden one, small enough that float32 sums over long sentences stay exact to ~1e-3.
constexpr double kForbiddenPenalty = -1e4;

// Emissions in a dtype the recursions are exact enough in: float32 for half types, else as given
// (double in the gradient tests).
torch::Tensor working_precision(const torch::Tensor& emissions) {
  auto t = emissions.scalar_type();
  return (t == torch::kHalf || t == torch::kBFloat16) ? emissions.to(torch::kFloat) : emissions;
}

torch::Tensor forbid(const torch::Tensor& scores, const torch::Tensor& allowed) {
  return scores.masked_fill(allowed.logical_not(), -std::numeric_limits<double>::infinity());
}

}  // namespace

AllowedTransitions allowed_transitions(const std::vector<std::string>& labels, Scheme scheme) {
  const auto n = static_cast<int64_t>(labels.size());
  std::vector<Tag> tags;
  for (const auto& label : labels) {
    tags.push_back(parse_tag(label));
    // A label the scheme does not spell can neither start, continue nor end anything.
    if (!allowed_transition(std::nullopt, tags.back(), scheme) &&
        !allowed_transition(Tag{}, tags.back(), scheme) && !allowed_transition(tags.back(), std::nullopt, scheme) &&
        !allowed_transition(tags.back(), Tag{}, scheme) &&
        !allowed_transition(tags.back(), tags.back(), scheme))
      throw UsageError("label '" + label + "' does not belong to the " + scheme_name(scheme) +
                       " scheme (use --scheme to name the labels' scheme)");
  }
  AllowedTransitions a;
  a.start = torch::zeros({n}, torch::kBool);
  a.end = torch::zeros({n}, torch::kBool);
  a.transitions = torch::zeros({n, n}, torch::kBool);
  auto start = a.start.accessor<bool, 1>();
  auto end = a.end.accessor<bool, 1>();
  auto trans = a.transitions.accessor<bool, 2>();
  for (int64_t i = 0; i < n; ++i) {
    start[i] = allowed_transition(std::nullopt, tags[i], scheme);
    end[i] = allowed_transition(tags[i], std::nullopt, scheme);
    for (int64_t j = 0; j < n; ++j) trans[i][j] = allowed_transition(tags[i], tags[j], scheme);
  }
  return a;
}

std::vector<std::vector<int64_t>> viterbi_decode(const torch::Tensor& emissions, const torch::Tensor& mask,
                                                 const torch::Tensor& transitions, const torch::Tensor& start,
                                                 const torch::Tensor& end) {
  torch::NoGradGuard no_grad;
  const int64_t batch = emissions.size(0), steps = emissions.size(1);
  std::vector<std::vector<int64_t>> paths(static_cast<std::size_t>(batch));
  if (batch == 0 || steps == 0) return paths;
  auto e = working_precision(emissions).transpose(0, 1);  // [T,B,L]
  auto m = mask.transpose(0, 1).unsqueeze(2);             // [T,B,1]
  auto trans = transitions.to(e.scalar_type()).unsqueeze(0);
  auto score = start.to(e.scalar_type()).unsqueeze(0) + e[0];  // [B,L]
  std::vector<torch::Tensor> history;                           // [B,L]: best previous label per step
  history.reserve(static_cast<std::size_t>(steps));
  for (int64_t t = 1; t < steps; ++t) {
    auto [best, previous] = (score.unsqueeze(2) + trans).max(1);
    history.push_back(previous);
    score = torch::where(m[t], best + e[t], score);
  }
  auto last = (score + end.to(e.scalar_type()).unsqueeze(0)).argmax(1).to(torch::kCPU);
  auto lengths = mask.sum(1).to(torch::kCPU);
  // Backtracking is sequential and tiny: done on the CPU from one copy of the history.
  auto hist = steps > 1 ? torch::stack(history).to(torch::kCPU, torch::kLong).contiguous() : torch::Tensor();
  const int64_t labels = e.size(2);
  const int64_t* h = steps > 1 ? hist.data_ptr<int64_t>() : nullptr;
  auto len = lengths.accessor<int64_t, 1>();
  auto best_last = last.accessor<int64_t, 1>();
  for (int64_t b = 0; b < batch; ++b) {
    auto& path = paths[static_cast<std::size_t>(b)];
    path.resize(static_cast<std::size_t>(len[b]));
    if (len[b] == 0) continue;
    int64_t label = best_last[b];
    for (int64_t t = len[b] - 1; t >= 0; --t) {
      path[static_cast<std::size_t>(t)] = label;
      if (t > 0) label = h[((t - 1) * batch + b) * labels + label];
    }
  }
  return paths;
}

Crf::Crf(const std::vector<std::string>& labels, Scheme scheme, bool constrained_decoding, bool constrained_training)
    : num_labels_(static_cast<int64_t>(labels.size())),
      constrained_decoding_(constrained_decoding),
      constrained_training_(constrained_training) {
  if (num_labels_ == 0) throw Error("the CRF needs at least one label");
  // Small uniform initial scores, as pytorch-crf does.
  transitions = register_parameter("transitions", torch::empty({num_labels_, num_labels_}).uniform_(-0.1, 0.1));
  start = register_parameter("start", torch::empty({num_labels_}).uniform_(-0.1, 0.1));
  end = register_parameter("end", torch::empty({num_labels_}).uniform_(-0.1, 0.1));
  AllowedTransitions allowed;
  if (constrained_decoding || constrained_training) {
    allowed = allowed_transitions(labels, scheme);
  } else {
    allowed.start = torch::ones({num_labels_}, torch::kBool);
    allowed.end = torch::ones({num_labels_}, torch::kBool);
    allowed.transitions = torch::ones({num_labels_, num_labels_}, torch::kBool);
  }
  allowed_start_ = register_buffer("allowed_start", allowed.start);
  allowed_transitions_ = register_buffer("allowed_transitions", allowed.transitions);
  allowed_end_ = register_buffer("allowed_end", allowed.end);
}

torch::Tensor Crf::scored_transitions(bool constrained) const {
  if (!constrained) return transitions;
  return transitions + allowed_transitions_.logical_not().to(transitions.scalar_type()) * kForbiddenPenalty;
}
torch::Tensor Crf::scored_start(bool constrained) const {
  if (!constrained) return start;
  return start + allowed_start_.logical_not().to(start.scalar_type()) * kForbiddenPenalty;
}
torch::Tensor Crf::scored_end(bool constrained) const {
  if (!constrained) return end;
  return end + allowed_end_.logical_not().to(end.scalar_type()) * kForbiddenPenalty;
}

torch::Tensor Crf::log_partition(const torch::Tensor& emissions, const torch::Tensor& mask, bool constrained) const {
  const auto e = working_precision(emissions);
  const auto dtype = e.scalar_type();
  return crf_log_partition(e, mask, scored_transitions(constrained).to(dtype), scored_start(constrained).to(dtype),
                           scored_end(constrained).to(dtype));
}

torch::Tensor Crf::path_score(const torch::Tensor& emissions, const torch::Tensor& mask, const torch::Tensor& labels,
                              bool constrained) const {
  auto e = working_precision(emissions);
  const auto dtype = e.scalar_type();
  auto y = labels.masked_fill(mask.logical_not(), 0);  // padded positions may hold anything
  auto mf = mask.to(dtype);
  auto score = (e.gather(2, y.unsqueeze(2)).squeeze(2) * mf).sum(1);
  auto trans = scored_transitions(constrained).to(dtype);
  score = score + scored_start(constrained).to(dtype).index_select(0, y.select(1, 0));
  if (e.size(1) > 1) {
    auto from = y.narrow(1, 0, e.size(1) - 1), to = y.narrow(1, 1, e.size(1) - 1);
    auto step = trans.reshape(-1).index_select(0, (from * num_labels_ + to).reshape(-1)).view_as(from);
    score = score + (step * mf.narrow(1, 1, e.size(1) - 1)).sum(1);
  }
  auto last = (mask.sum(1) - 1).clamp_min(0);
  auto last_label = y.gather(1, last.unsqueeze(1)).squeeze(1);
  return score + scored_end(constrained).to(dtype).index_select(0, last_label);
}

torch::Tensor Crf::negative_log_likelihood(const torch::Tensor& emissions, const torch::Tensor& mask,
                                           const torch::Tensor& labels) const {
  return log_partition(emissions, mask, constrained_training_) -
         path_score(emissions, mask, labels, constrained_training_);
}

torch::Tensor Crf::loss(const torch::Tensor& emissions, const torch::Tensor& mask, const torch::Tensor& labels) {
  return negative_log_likelihood(emissions, mask, labels).mean();
}

Crf::DecodingScores Crf::decoding_scores() const {
  if (!constrained_decoding_) return {transitions, start, end};
  return {forbid(transitions, allowed_transitions_), forbid(start, allowed_start_), forbid(end, allowed_end_)};
}

std::vector<std::vector<int64_t>> Crf::decode(const torch::Tensor& emissions, const torch::Tensor& mask) {
  const auto scores = decoding_scores();
  return viterbi_decode(emissions, mask, scores.transitions, scores.start, scores.end);
}

torch::Tensor Crf::marginals(const torch::Tensor& emissions, const torch::Tensor& mask) {
  // Forward-backward in log space: p(y_t = j) = exp(alpha_t[j] + beta_t[j] - log Z), with the
  // decoding constraints so that the probabilities describe the paths decode() can choose.
  torch::NoGradGuard no_grad;
  auto e = working_precision(emissions).transpose(0, 1).contiguous();  // [T,B,L]
  const auto dtype = e.scalar_type();
  auto on = mask.transpose(0, 1).unsqueeze(2);  // [T,B,1]
  const auto scores = decoding_scores();
  const auto trans = scores.transitions.to(dtype), en = scores.end.to(dtype);
  auto alphas = crf_alphas(e, on, trans, scores.start.to(dtype));
  auto betas = crf_betas(e, on, trans, en);
  auto log_z = torch::logsumexp(alphas[-1] + en.unsqueeze(0), 1, true);  // [B,1]
  return ((alphas + betas - log_z.unsqueeze(0)).exp() * on.to(dtype)).transpose(0, 1).to(emissions.scalar_type());
}

}  // namespace ner
