// A linear-chain conditional random field over label scores (Lafferty et al. 2001; as a neural
// tagger's output layer, Lample et al. 2016): a sentence's score is the sum of its emission scores,
// of the transition scores between consecutive labels, and of a start and an end score. Training
// minimises -log p(gold) = log Z - score(gold), with log Z from the forward algorithm in log space
// and its gradient from the marginals (crf_recursions.h); decoding is Viterbi. Batched and masked:
// each row stops at its own length.
//
// Hard constraints from the tagging scheme (no O -> I-X in IOB2, no B-X -> I-Y) forbid transitions
// at decoding (-inf) and, when asked, in training (a penalty of -1e4 on both the gold path and
// the partition function, so gradients stay finite; the gold labels must then be well-formed).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "libner/model/parts.h"
#include "libner/scheme/scheme.h"

namespace ner {

// Which transitions a scheme allows between `labels`: start [L], transitions [L,L] (from, to) and
// end [L], as bool tensors on the CPU. Throws UsageError when a label uses a prefix the scheme does
// not have (B-X under IOE2, say): such a label could never be decoded.
struct AllowedTransitions {
  torch::Tensor start, transitions, end;
};
AllowedTransitions allowed_transitions(const std::vector<std::string>& labels, Scheme scheme);

// Viterbi over any scores: emissions [B,T,L], transitions [L,L], start [L], end [L] (use -inf for
// forbidden moves). Returns the best label ids of each row, mask[b].sum() of them.
std::vector<std::vector<int64_t>> viterbi_decode(const torch::Tensor& emissions, const torch::Tensor& mask,
                                                 const torch::Tensor& transitions, const torch::Tensor& start,
                                                 const torch::Tensor& end);

class Crf : public Decoder {
 public:
  // `constrained_decoding`/`constrained_training` use the scheme's constraints for those labels.
  Crf(const std::vector<std::string>& labels, Scheme scheme, bool constrained_decoding, bool constrained_training);

  torch::Tensor loss(const torch::Tensor& emissions, const torch::Tensor& mask, const torch::Tensor& labels) override;
  std::vector<std::vector<int64_t>> decode(const torch::Tensor& emissions, const torch::Tensor& mask) override;
  torch::Tensor marginals(const torch::Tensor& emissions, const torch::Tensor& mask) override;

  // The pieces, public for tests. `constrained` adds the training penalty.
  torch::Tensor log_partition(const torch::Tensor& emissions, const torch::Tensor& mask, bool constrained) const;  // [B]
  torch::Tensor path_score(const torch::Tensor& emissions, const torch::Tensor& mask, const torch::Tensor& labels,
                           bool constrained) const;  // [B]
  torch::Tensor negative_log_likelihood(const torch::Tensor& emissions, const torch::Tensor& mask,
                                        const torch::Tensor& labels) const;  // [B]

  int64_t num_labels() const { return num_labels_; }
  torch::Tensor transitions;  // [L,L]: score of label j following label i at (i, j)
  torch::Tensor start;        // [L]
  torch::Tensor end;          // [L]

 private:
  // The scores with the training penalty added, or as they are.
  torch::Tensor scored_transitions(bool constrained) const;
  torch::Tensor scored_start(bool constrained) const;
  torch::Tensor scored_end(bool constrained) const;

  // What decode() and marginals() score paths with: transitions, start, end, the forbidden moves
  // at -inf under constrained decoding.
  struct DecodingScores {
    torch::Tensor transitions, start, end;
  };
  DecodingScores decoding_scores() const;

  int64_t num_labels_;
  bool constrained_decoding_;
  bool constrained_training_;
  torch::Tensor allowed_start_, allowed_transitions_, allowed_end_;  // bool buffers
};

}  // namespace ner
