// The command-line options that choose and size a model (--arch, --encoder, --context, --decoder
// and the sizes). An architecture name is a preset; an option given on the command line overrides
// the preset's value, one left out keeps it, so `--arch imconvnet-crf --imconvnet-widths 64,128`
// changes only the widths.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "libner/model/model_config.h"

namespace ner {

class ModelOptions {
 public:
  // Adds the options to `app` in an option group "Model".
  void add_to(CLI::App& app);

  // The preset named by --arch (bilstm-crf when absent) with the options given applied; validated.
  // `scheme_given` tells whether --scheme was given (else the trainer detects it from the labels).
  ModelConfig config() const;
  bool scheme_given() const;
  // --train-scheme: the scheme to learn and decode in when it is not the data's ("" : the data's).
  const std::string& train_scheme() const { return train_scheme_; }
  bool any_given() const;  // whether any model option was given (ignored on --resume)

 private:
  void bind(CLI::Option* option, std::function<void(ModelConfig&)> apply);

  std::string arch_ = "bilstm-crf";
  std::string train_scheme_;
  CLI::Option* arch_option_ = nullptr;
  CLI::Option* scheme_option_ = nullptr;
  ModelConfig values_;  // what the options were parsed into
  std::vector<std::pair<CLI::Option*, std::function<void(ModelConfig&)>>> appliers_;
};

}  // namespace ner
