// The learning rate at each optimiser step: a linear warm-up from 0, then a constant rate or a
// linear or cosine decay to `final_ratio` × the base rate at the last planned step (the schedules
// of Devlin et al. 2019 and Loshchilov & Hutter 2017, without restarts).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ner {

enum class LrDecay { constant, linear, cosine };

LrDecay parse_lr_decay(std::string_view name);  // "constant" ("none"), "linear", "cosine"; UsageError
std::string lr_decay_name(LrDecay decay);
std::vector<std::string> lr_decay_names();

struct LrSchedule {
  double base = 1e-3;
  std::size_t warmup_steps = 0;
  std::size_t total_steps = 0;  // the planned steps (epochs × batches); the decay ends there
  LrDecay decay = LrDecay::constant;
  double final_ratio = 0.0;

  // The rate for the step numbered `step` (0-based); steps past total_steps keep the final rate.
  double at(std::size_t step) const;
};

}  // namespace ner
