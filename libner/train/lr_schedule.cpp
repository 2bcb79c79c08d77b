#include "libner/train/lr_schedule.h"

#include <algorithm>
#include <cmath>

#include "libner/io/error.h"

namespace ner {

LrDecay parse_lr_decay(std::string_view name) {
  if (name == "constant" || name == "none") return LrDecay::constant;
  if (name == "linear") return LrDecay::linear;
  if (name == "cosine") return LrDecay::cosine;
  throw UsageError("unknown learning-rate decay '" + std::string(name) + "' (constant, linear, cosine)");
}

std::string lr_decay_name(LrDecay decay) {
  switch (decay) {
    case LrDecay::constant: return "constant";
    case LrDecay::linear: return "linear";
    case LrDecay::cosine: return "cosine";
  }
  return "constant";
}

std::vector<std::string> lr_decay_names() { return {"constant", "linear", "cosine"}; }

double LrSchedule::at(std::size_t step) const {
  // Step k of the warm-up trains at (k+1)/warmup of the rate, so the first step is not wasted at 0.
  if (step < warmup_steps) return base * static_cast<double>(step + 1) / static_cast<double>(warmup_steps);
  if (decay == LrDecay::constant || total_steps <= warmup_steps) return base;
  const double span = static_cast<double>(total_steps - warmup_steps);
  const double t = std::min(1.0, static_cast<double>(step - warmup_steps) / span);
  const double floor = base * final_ratio;
  if (decay == LrDecay::linear) return floor + (base - floor) * (1.0 - t);
  const double pi = std::acos(-1.0);
  return floor + (base - floor) * 0.5 * (1.0 + std::cos(pi * t));
}

}  // namespace ner
