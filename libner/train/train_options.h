// What ner-train is asked to do: data, training schedule and where to run. Torch-free, so the tool
// and other callers can fill it without LibTorch's headers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "libner/dist/dist_env.h"
#include "libner/train/batching.h"
#include "libner/train/lr_schedule.h"

namespace ner {

enum class OptimizerKind { adam, adamw };

OptimizerKind parse_optimizer(std::string_view name);  // "adam", "adamw"; UsageError otherwise
std::string optimizer_name(OptimizerKind kind);
std::vector<std::string> optimizer_names();

struct TrainOptions {
  std::string train_path;
  std::string dev_path;         // "" : no dev scoring; the last epoch's model is kept
  std::string model_path;       // -o; the checkpoint is model_path + ".ckpt"
  std::string log_path;         // --log TSV ("" : none)
  std::string embeddings_path;  // word2vec text file ("" : random embeddings)
  std::string bigram_embeddings_path;  // word2vec text file of two-token bigrams ("" : random)
  std::string bert_path;        // --bert: a HuggingFace BERT folder for the bert encoder ("" : none)

  std::size_t epochs = 30;
  std::size_t patience = 0;     // stop after this many epochs without a better dev F1 (0: never)
  BatchLimits batch;            // --batch-size (sentences), --batch-tokens
  std::size_t max_len = 0;      // cut training sentences longer than this (0: never)
  std::int64_t min_count = 1;   // vocabulary: tokens seen fewer times become <unk>
  // Bigrams (--bigram-dim) seen fewer times become <unk>. 2, not 1: the <unk> vector must learn
  // from training bigrams too, or the dev and test bigrams never seen in training meet an
  // untrained one (yidu pilot, 4 epochs: dev F1 73.6 with 2, 71.4 with 1, 71.2 without bigrams).
  std::int64_t bigram_min_count = 2;
  bool detect_scheme = true;    // take the scheme from the labels (false: the config's)
  std::string train_scheme;     // learn in this scheme, when not the data's ("" : the data's)

  OptimizerKind optimizer = OptimizerKind::adam;
  double lr = 1e-3;
  double weight_decay = 0;
  double warmup = 0;            // warm-up as a fraction of the planned steps
  LrDecay decay = LrDecay::constant;
  double clip = 5.0;            // gradient norm clipping (0: off)
  double ema = 0;               // decay of the weights' moving average, scored and kept (0: none)
  double bert_lr = 5e-5;        // --bert-lr: BERT's learning rate (the heads use lr)
  bool freeze_bert = false;     // train the heads only
  std::size_t accumulate = 1;   // batches whose gradients are summed before each optimiser step
  bool bf16 = false;            // bf16 autocast for the forward pass (where bf16_is_native)

  std::uint64_t seed = 1;
  int threads = 0;              // 0: one per CPU
  std::string device = "cpu";
  bool resume = false;          // continue from model_path.ckpt when it exists
  DistOptions dist;             // --dist-backend, --dist-timeout (a job of several processes: libner/dist)

  // For tests: behave as if SIGINT arrived after this many optimiser steps (0: never).
  std::size_t interrupt_after_steps = 0;
};

}  // namespace ner
