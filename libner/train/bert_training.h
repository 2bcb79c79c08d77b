// The parts of training that BERT rows add (issue 5): a pre-trained BERT loaded into the model,
// one optimiser with two parameter groups (the heads at --lr, BERT at --bert-lr, as BERT
// fine-tuning recipes use a smaller rate for the encoder than for a CRF on top), --freeze-bert,
// and bf16 autocast on CUDA. Every model goes through these functions, so there is one code path:
// a model without BERT gets one group over model->parameters() as before.
#pragma once

#include <memory>
#include <string>

#include <torch/torch.h>

#include "libner/bert/bert_encoder.h"
#include "libner/model/ner_model.h"
#include "libner/train/train_options.h"

namespace ner {

class Log;

// The BERT part of a model with the bert encoder, or nullptr.
bert::BertEncoder* bert_of(NerModelImpl& model);

// Fills config.bert from --bert DIR for a new model; UsageError when the encoder and --bert do not
// go together (a bert architecture without --bert, or --bert with another encoder).
void prepare_bert_config(ModelConfig& config, const TrainOptions& options);

// Loads DIR's model.safetensors into the model's BERT (a new model, before it moves to a device).
void load_pretrained_bert(NerModelImpl& model, const std::string& directory);

// Group 0: every parameter outside BERT, at `lr`; group 1 (when the model has BERT and it is not
// frozen): BERT's parameters. A frozen BERT gets requires_grad(false) and no group. `tasks`: as
// make_optimizer's.
std::unique_ptr<torch::optim::Optimizer> make_model_optimizer(OptimizerKind kind, NerModelImpl& model,
                                                              const TrainOptions& options, int tasks = 1);

// Sets the groups' rates for this step: `lr` (the schedule's value for --lr) on group 0 and
// lr * bert_lr / lr on group 1, so warm-up and decay shape both.
void set_group_learning_rates(torch::optim::Optimizer& optimizer, double lr, const TrainOptions& options);

// bf16 autocast on `device` (CUDA or CPU) for the forward pass while alive. The tools ask for it
// where bf16_is_native (runtime.h) says it pays; elsewhere they warn once and stay in float32.
class Bf16Autocast {
 public:
  Bf16Autocast(bool on, const torch::Device& device);
  ~Bf16Autocast();
  Bf16Autocast(const Bf16Autocast&) = delete;
  Bf16Autocast& operator=(const Bf16Autocast&) = delete;

 private:
  bool on_ = false;
  bool cuda_ = false;
};

}  // namespace ner
