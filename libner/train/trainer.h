// ner-train's work: read the train and dev streams, build the vocabulary and label set, train a
// NerModel with length-bucketed batches, score dev each epoch with conlleval's counting
// (EntityCounter), keep the best model, stop early, checkpoint every epoch and on Ctrl-C, resume.
#pragma once

#include "libner/model/model_config.h"
#include "libner/train/train_options.h"

namespace ner {

class Log;

// Trains and writes options.model_path. Returns 0 when done, 130 when interrupted (the checkpoint
// is saved). Throws ner::Error on bad input, UsageError on bad options.
int train_model(const TrainOptions& options, const ModelConfig& config, const Log& log);

}  // namespace ner
